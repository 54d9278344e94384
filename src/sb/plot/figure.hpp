// A figure as an artefact (STYLE.md, "gnuplot-iostream: figures as artefacts"): a directory
//   <out_dir>/<name>/{data.csv, plot.gnu, plot.png}
// where data.csv holds every number drawn plus the parameters that produced them, plot.gnu is the
// gnuplot script that draws them, and plot.png is rendered from the two by gnuplot (driven
// through gnuplot-iostream). A user can restyle the figure by editing plot.gnu and running
// `gnuplot plot.gnu` in that directory, without rerunning the experiment.
//
// data.csv layout (comma-separated, read by gnuplot with `set datafile separator comma`):
//   # generated_by = <binary> <args>
//   # <key> = <value>                  one line per set_param, in insertion order
//   # block 0: <title>
//   # columns: x,y,z
//   1,2,3                              shortest round-trip decimal text of each double
//   ...
//   <two blank lines>                  blocks are gnuplot data sets: `index 0`, `index 1`, ...
//   # block 1: <title>
//   ...
//
// The script contract: plot.gnu sets its own terminal, and its output to the gnuplot variable
// `outfile` when defined, 'plot.png' otherwise (png_preamble() writes exactly that).
//
// Writing is safe to run concurrently (two runs of an experiment into the same --out): data.csv,
// plot.gnu and plot.png are written and rendered in a work directory private to the process,
// <out_dir>/<name>/.render.<pid>.<random>.tmp/, and each is moved into place by an atomic
// rename once gnuplot has finished without error. A reader never sees a partial file; of two
// concurrent runs, the last rename of each file wins.
#pragma once

#include <concepts>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace sb {

class FigureWriter {
 public:
  /// Writes into out_dir/name/ (created by write(); out_dir must exist). Throws
  /// std::invalid_argument unless name is a single non-empty path component other than "." and
  /// "..".
  FigureWriter(std::filesystem::path out_dir, std::string name);

  /// `# key = value` in the header of data.csv; setting a key again replaces its value in place.
  /// Throws std::invalid_argument for an empty key, a key containing '=', or a line break in
  /// either; std::logic_error for a non-finite number.
  void set_param(const std::string& key, const std::string& value);
  void set_param(const std::string& key, const char* value);
  void set_param(const std::string& key, double value);
  void set_param(const std::string& key, bool value);
  template <std::integral I>
  requires(!std::same_as<I, bool>) void set_param(const std::string& key, I value) {
    set_param(key, std::to_string(value));
  }
  /// `# generated_by = <argv[0]> <argv[1]> ...` (arguments with spaces or quotes are quoted).
  void set_command_line(int argc, const char* const* argv);

  /// Appends data set `index k` (k = number of blocks added before). Every row must have
  /// columns.size() entries and every entry must be finite: a non-finite number is a bug of the
  /// caller, never something to plot, and throws std::logic_error (nothing is stored).
  /// Throws std::invalid_argument for no columns, no rows, a column name that is empty or
  /// contains ',', '#' or whitespace, a title with a line break, or a row of the wrong length.
  void add_block(std::string title, std::vector<std::string> columns,
                 std::vector<std::vector<double>> rows);

  /// Renders data.csv, plot.gnu and plot.png in a private work directory and moves them into
  /// out_dir/name/ (created here, but out_dir itself must exist). Throws std::logic_error if
  /// no block was added; std::runtime_error if out_dir does not exist, if out_dir/name is not a
  /// directory, if gnuplot cannot be found (nothing is written then), or if it fails on the
  /// script (the message carries gnuplot's error; data.csv and plot.gnu are moved into place
  /// for debugging, a plot.png of an earlier run is removed so that it cannot be mistaken for
  /// this data). No *.tmp file or directory survives, whatever happens.
  void write(const std::string& gnuplot_script);

  /// The gnuplot executable (a name looked up on PATH, or a path); "gnuplot" by default.
  void set_gnuplot_command(std::string command) { gnuplot_ = std::move(command); }

  /// Messages gnuplot printed on stderr during the last successful write() (warnings).
  const std::vector<std::string>& gnuplot_messages() const { return messages_; }

  /// out_dir/name.
  std::filesystem::path dir() const { return out_dir_ / name_; }

  /// The first lines of a plot.gnu honouring the script contract: UTF-8, a pngcairo terminal
  /// of the given size in enhanced text mode (so '_', '^', '@', '{', '}' in labels are markup)
  /// and `set output outfile` (default 'plot.png').
  static std::string png_preamble(int width, int height, const std::string& font = "Sans,12");

  /// `text` as a gnuplot single-quoted string literal (' doubled).
  static std::string gnuplot_quote(const std::string& text);

 private:
  struct Block {
    std::string title;
    std::vector<std::string> columns;
    std::vector<std::vector<double>> rows;
  };
  std::string csv_text() const;

  std::filesystem::path out_dir_;
  std::string name_;
  std::string gnuplot_ = "gnuplot";
  std::vector<std::pair<std::string, std::string>> params_;
  std::string generated_by_;
  std::vector<Block> blocks_;
  std::vector<std::string> messages_;
};

}  // namespace sb
