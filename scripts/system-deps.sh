#!/usr/bin/env bash
# Installs the Debian packages the tests and the demo use, when they are missing.
# Needs root (CI and the dev machines run as root); without root it says what is missing and goes on.
set -u
# libgl1 + libglib2.0-0: OpenCV (pulled in by the OCR extra's RapidOCR) loads them
PKGS=(chromium antiword tesseract-ocr tesseract-ocr-chi-sim fonts-noto-cjk fonts-wqy-zenhei poppler-utils libgl1 libglib2.0-0)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "system-deps: not root; missing Debian packages: ${missing[*]} (tests that need them are skipped)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || apt-get update
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
  || apt-get install -y --no-install-recommends "${missing[@]}" \
  || echo "system-deps: could not install ${missing[*]}" >&2
exit 0
