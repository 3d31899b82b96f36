#!/bin/sh
# Installs crmbatch's build dependencies when they are missing: with apt-get
# when we are root, else prints the exact command and fails.
# Usage: tests/ensure-deps.sh PACKAGE...
missing=""
[ -f /usr/include/csv.h ] || missing="$missing libcsv-dev"
[ -f /usr/include/hpdf.h ] || missing="$missing libhpdf-dev"
[ -f /usr/include/libdeflate.h ] || missing="$missing libdeflate-dev"
[ -f /usr/include/iniparser/iniparser.h ] || [ -f /usr/include/iniparser.h ] || missing="$missing libiniparser-dev"
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
pkg-config --exists check 2>/dev/null || missing="$missing check"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -z "$missing" ] && exit 0

echo "crmbatch: missing build dependencies:$missing"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "crmbatch: installing them with apt-get"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@" >/dev/null && exit 0
	echo "crmbatch: apt-get failed; run it by hand: apt-get install -y $*" >&2
	exit 1
fi
echo "crmbatch: please run, as root:" >&2
echo "    apt-get install -y $*" >&2
echo "then run make again." >&2
exit 1
