#!/bin/sh
# Installs clang, its fuzzer runtime and llvm's coverage tools (llvm-cov,
# llvm-profdata: make fuzz prints the line coverage its targets reach) when
# `make fuzz` needs them and we can (root with apt-get); else prints the
# command and fails.
probe=$(mktemp -d)
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' > "$probe/p.c"
ok() { command -v clang >/dev/null 2>&1 && clang -fsanitize=fuzzer,address,undefined -o "$probe/p" "$probe/p.c" >/dev/null 2>&1 &&
	command -v llvm-cov >/dev/null 2>&1 && command -v llvm-profdata >/dev/null 2>&1; }
if ok; then rm -rf "$probe"; exit 0; fi
pkgs="clang libclang-rt-14-dev llvm"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "crmbatch: installing $pkgs for make fuzz"
	export DEBIAN_FRONTEND=noninteractive
	{ apt-get install -y -qq --no-install-recommends $pkgs >/dev/null 2>&1 ||
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends $pkgs >/dev/null; }; } && ok
	rc=$?
	rm -rf "$probe"
	[ $rc -eq 0 ] || echo "crmbatch: clang's fuzzer still does not build; apt-get install -y $pkgs" >&2
	exit $rc
fi
rm -rf "$probe"
echo "crmbatch: make fuzz needs clang with libFuzzer; as root: apt-get install -y $pkgs" >&2
exit 1
