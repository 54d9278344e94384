# scorebound — the two commands a user needs:
#   make figures   install what is missing, build, regenerate every figure under plots/
#   make test      install what is missing, build, run every test (CTest)
# Others: make check-figures (figure regression test), make bench (Google Benchmark),
# make sanitize (tests under ASan+UBSan), make clean.
# Builds use -march=native (CMake option SB_NATIVE, ON by default); for a portable binary, e.g.
# a package, pass CMAKE_ARGS=-DSB_NATIVE=OFF.

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

.PHONY: all deps configure build test figures check-figures bench sanitize format clean

all: build

deps:
	@bash tools/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_ARGS) > /dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# Every experiment binary writes plots/<figure>/{data.csv, plot.gnu, plot.png}.
figures: build
	@set -e; for exe in $(BUILD)/experiments/*; do \
	  echo "== $$exe"; "$$exe" --out plots; \
	done

# The figures are tracked; their numbers are a regression test (tools/check-figures.sh states
# the tolerance). When a change moves a number on purpose: make figures, commit plots/, say why.
check-figures: build
	@bash tools/check-figures.sh $(BUILD)

bench: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DSB_BUILD_BENCH=ON -DSB_NATIVE=ON \
	  $(CMAKE_ARGS) > /dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	@set -e; for exe in $(BUILD)/bench/*; do echo "== $$exe"; "$$exe"; done

sanitize: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Sanitize -DSB_SANITIZE=ON \
	  -DSB_BUILD_EXPERIMENTS=OFF $(CMAKE_ARGS) > /dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

format:
	@find src tests experiments bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	@rm -rf $(BUILD) $(ASAN_BUILD)
