#!/usr/bin/env bash
# Installs what Stampede needs that a fresh Debian machine lacks. Idempotent and quiet when all is present.
# The Swift toolchain itself is expected on PATH (see README.md).
set -euo pipefail

# prometheus: the real server the observability tests start (on their own port, with their own storage).
packages=(libhiredis-dev redis-server pkg-config prometheus)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    # Debian's prometheus package starts a system-wide Prometheus (port 9090) on install and enables it at boot.
    # Stampede starts its own when it needs one: keep that service from starting (a policy-rc.d refusing it, and only
    # it, while installing, unless the machine already has a policy-rc.d of its own), then disable it.
    installing_prometheus=false
    added_policy=false
    if [[ " ${missing[*]} " == *" prometheus "* ]]; then
        installing_prometheus=true
        if [ ! -e /usr/sbin/policy-rc.d ]; then
            "${sudo_cmd[@]}" tee /usr/sbin/policy-rc.d >/dev/null <<'POLICY'
#!/bin/sh
# Added by Stampede's scripts/install-deps.sh while it installs packages; removed after.
for arg in "$@"; do case $arg in prometheus|prometheus.service) exit 101 ;; esac; done
exit 0
POLICY
            "${sudo_cmd[@]}" chmod 755 /usr/sbin/policy-rc.d
            added_policy=true
            trap '"${sudo_cmd[@]}" rm -f /usr/sbin/policy-rc.d' EXIT
        fi
    fi
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    if $added_policy; then
        "${sudo_cmd[@]}" rm -f /usr/sbin/policy-rc.d
        trap - EXIT
    fi
    if $installing_prometheus; then
        if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
            "${sudo_cmd[@]}" systemctl disable --now prometheus.service >/dev/null 2>&1 || true
        elif command -v update-rc.d >/dev/null 2>&1; then
            "${sudo_cmd[@]}" update-rc.d prometheus disable >/dev/null 2>&1 || true
        fi
    fi
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "error: the Swift toolchain (6.1 or later) is not on PATH — install it from swift.org, then run make again" >&2
    exit 1
fi
