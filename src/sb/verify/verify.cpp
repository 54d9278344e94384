#include "sb/verify/verify.hpp"

#include <fmt/format.h>

#include <cmath>

#include "sb/verify/registry.hpp"

namespace sb {

std::vector<VerifyRow> run_verify(const std::string& filter) {
  std::vector<VerifyRow> rows;
  for (const TheoremCheck* c : registry().all()) {
    const std::string id = c->info().id;
    if (!filter.empty() && id.find(filter) == std::string::npos) continue;
    for (const Instance& inst : c->instances()) {
      VerifyRow row{id, inst.name, inst.expected, {}, {}};
      try {
        row.report = run_check(*c, inst.problem);
      } catch (const std::exception& e) {
        row.error = e.what();
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

namespace {
std::string num(double x) {
  if (std::isnan(x)) return "-";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return fmt::format("{:.4g}", x);
}
}  // namespace

std::string verify_table(const std::vector<VerifyRow>& rows) {
  std::size_t wi = 2, wn = 8;
  for (const auto& r : rows) {
    wi = std::max(wi, r.id.size());
    wn = std::max(wn, r.instance.size());
  }
  std::string out =
      fmt::format("{:<{}}  {:<{}}  {:<26}  {:>10}  {:>10}  {:>9}  {}\n", "id", wi, "instance", wn,
                  "verdict (expected)", "bound", "exact", "bound/ex", "hypotheses failing");
  int unexpected = 0;
  for (const auto& r : rows) {
    std::string verdict = r.error.empty() ? to_string(r.report.verdict) : "error";
    if (!r.as_expected()) {
      verdict += " (!= " + to_string(r.expected) + ")";
      ++unexpected;
    }
    std::string hyp;
    for (const auto& h : r.report.hypotheses)
      if (!h.holds) hyp += (hyp.empty() ? "" : "; ") + h.name;
    if (!r.error.empty()) hyp = r.error;
    out += fmt::format("{:<{}}  {:<{}}  {:<26}  {:>10}  {:>10}  {:>9}  {}\n", r.id, wi, r.instance,
                       wn, verdict, num(r.report.total), num(r.report.exact.value),
                       num(r.report.ratio()), hyp);
  }
  out += fmt::format("{} instances, {} as expected, {} unexpected\n", rows.size(),
                     rows.size() - unexpected, unexpected);
  return out;
}

}  // namespace sb
