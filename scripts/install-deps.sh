#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs, only those missing.
# As root: apt-get install. Otherwise: prints the exact install line and exits 1.
# Usage: scripts/install-deps.sh [--headless]   (--headless: no GUI/Multimedia/PulseAudio packages)
set -euo pipefail

headless=0
[ "${1:-}" = "--headless" ] && headless=1

packages=(
  build-essential cmake ninja-build pkg-config
  libtorch-dev libdnnl-dev libopenblas0-pthread
  libsndfile1-dev libsamplerate0-dev nlohmann-json3-dev
  libleveldb-dev libsnappy-dev libprotobuf-dev protobuf-compiler zlib1g-dev
  qt6-base-dev
)
if [ "$headless" = 0 ]; then
  packages+=(
    qt6-multimedia-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libqt6svg6
    pulseaudio pulseaudio-utils
    fonts-dejavu-core
  )
fi
# Cluster runs (docs/cluster.md): the system OpenSSH client and rsync; the tests start their own
# sshd, munge, slurmctld and slurmd on 127.0.0.1.
packages+=(openssh-client rsync)
if [ "$headless" = 0 ]; then
  packages+=(openssh-server munge slurmctld slurmd slurm-client)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: missing Debian packages. Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
