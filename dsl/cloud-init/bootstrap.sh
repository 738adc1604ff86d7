#!/usr/bin/env bash
# First-boot bootstrap of a vmss-autoscaling instance, run once by cloud-init as root.
#
# Reads its settings from the environment file given as the only argument. Gets a storage
# token from the managed identity and downloads the release tarball, retrying while the role
# assignment propagates. Verifies the tarball's SHA-256, unpacks it into a versioned folder and
# points the `current` symlink at it. Then starts the systemd unit and waits until the service
# is healthy. Needs only bash, curl, coreutils, tar, xz, sed and systemctl, so nothing is
# installed; Ubuntu 22.04 images ship xz (package xz-utils), and tar calls it for .tar.xz.
set -euo pipefail

readonly environment_file="${1:-/etc/vmss-autoscaling/service.env}"
readonly unit_name=vmss-autoscaling.service
# Bearer tokens for blob storage need a recent REST version in x-ms-version; any version from
# the storage service's version list works:
# https://learn.microsoft.com/en-us/rest/api/storageservices/authorize-with-azure-active-directory
readonly blob_api_version=2023-11-03
# The managed identity endpoint and its query parameters:
# https://learn.microsoft.com/en-us/entra/identity/managed-identities-azure-resources/how-to-use-vm-token#get-a-token-using-http
readonly token_api_version=2018-02-01
readonly storage_resource=https://storage.azure.com/
readonly compute_api_version=2021-02-01
# IMDS and the local health endpoint are called with --noproxy, because a proxy can reach neither.

started_ms="$(date +%s%3N)"

log() {
  printf '%s vmss-autoscaling-bootstrap: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"
}

fail() {
  log "error: $*"
  exit 1
}

elapsed_seconds() {
  local now_ms
  now_ms="$(date +%s%3N)"
  local elapsed_ms=$((now_ms - started_ms))
  printf '%d.%03d' $((elapsed_ms / 1000)) $((elapsed_ms % 1000))
}

# Milliseconds to the `sleep` argument in seconds, since bash arithmetic has no fractions.
sleep_ms() {
  sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"
}

# --- settings ---------------------------------------------------------------------------

# The file is parsed, not sourced, so a value can never run as code or replace PATH.
declare -A setting=()
[ -r "$environment_file" ] || fail "environment file $environment_file not found or not readable; pass its path as the first argument"
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    '' | '#'*) continue ;;
  esac
  name="${line%%=*}"
  if [ "$name" = "$line" ] || [[ ! "$name" =~ ^[A-Z_][A-Z0-9_]*$ ]]; then
    fail "invalid line in $environment_file: '$line'; expected NAME=value"
  fi
  setting[$name]="${line#*=}"
done <"$environment_file"

require() {
  [ -n "${setting[$1]:-}" ] || fail "$1 is missing or empty in $environment_file"
}
require RELEASE_BLOB_URL
require RELEASE_SHA256
require AZURE_CLIENT_ID

readonly blob_url="${setting[RELEASE_BLOB_URL]}"
readonly expected_sha256="${setting[RELEASE_SHA256],,}"
readonly client_id="${setting[AZURE_CLIENT_ID]}"
readonly imds_endpoint="${setting[IMDS_ENDPOINT]:-http://169.254.169.254}"
readonly root_prefix="${setting[ROOT_PREFIX]:-}"
readonly download_attempts="${setting[DOWNLOAD_ATTEMPTS]:-64}"
readonly retry_base_ms="${setting[RETRY_BASE_MS]:-2000}"
readonly retry_max_ms="${setting[RETRY_MAX_MS]:-30000}"
readonly health_timeout_seconds="${setting[HEALTH_TIMEOUT_SECONDS]:-180}"
readonly health_url="http://127.0.0.1:${setting[PORT]:-8080}/health"
readonly release_root="$root_prefix/opt/vmss-autoscaling"

[[ "$expected_sha256" =~ ^[0-9a-f]{64}$ ]] || fail "RELEASE_SHA256 '$expected_sha256' is not 64 hexadecimal digits"
for number in download_attempts retry_base_ms retry_max_ms health_timeout_seconds; do
  [[ "${!number}" =~ ^[0-9]+$ ]] || fail "${number^^} '${!number}' is not a whole number"
done

# The release folder is named after the blob, such as vmss-autoscaling-0.1.0-abc1234. Releases
# are .tar.xz. A .tar.gz is unpacked too, so a release built before the switch to xz still boots.
blob_name="${blob_url%%\?*}"
blob_name="${blob_name##*/}"
case "$blob_name" in
  *.tar.xz)
    release_name="${blob_name%.tar.xz}"
    compression=--xz
    ;;
  *.tar.gz)
    release_name="${blob_name%.tar.gz}"
    compression=--gzip
    ;;
  *) fail "blob URL $blob_url does not end in .tar.xz or .tar.gz; give the URL of a release tarball from make package" ;;
esac
[[ "$release_name" =~ ^[A-Za-z0-9._-]+$ ]] || fail "cannot name a release folder after blob URL $blob_url"
if [ "$compression" = --xz ] && ! command -v xz >/dev/null; then
  fail "xz not found on PATH, so tar cannot unpack $blob_name; use an image with xz-utils installed"
fi

log "starting: release $release_name from $blob_url, expected SHA-256 $expected_sha256"

# --- instance id ------------------------------------------------------------------------

# The portal and `az vmss list-instances` show the VM name, so visits per instance match them.
# Outside Azure the host name takes its place.
if [ -z "${setting[INSTANCE_ID]:-}" ]; then
  instance_id="$(curl --silent --fail --noproxy '*' --max-time 5 --header 'Metadata: true' \
    "$imds_endpoint/metadata/instance/compute/name?api-version=$compute_api_version&format=text" || true)"
  if [[ ! "$instance_id" =~ ^[A-Za-z0-9._-]+$ ]]; then
    instance_id="$(hostname)"
    log "VM name not available from IMDS; INSTANCE_ID is the host name $instance_id"
  fi
  sed -i "s/^INSTANCE_ID=.*\$/INSTANCE_ID=$instance_id/" "$environment_file"
  grep -q '^INSTANCE_ID=' "$environment_file" || printf 'INSTANCE_ID=%s\n' "$instance_id" >>"$environment_file"
  log "INSTANCE_ID=$instance_id"
fi

# --- download ---------------------------------------------------------------------------

mkdir -p "$release_root/releases"
work_dir="$(mktemp -d "$release_root/.incoming.XXXXXX")"
trap 'rm -rf "$work_dir"' EXIT
readonly archive="$work_dir/$blob_name"
readonly token_response="$work_dir/token.json"
# The token goes to curl through a file, not an argument that `ps` would show.
readonly auth_header="$work_dir/authorization.header"
readonly curl_errors="$work_dir/curl.stderr"

# Prints the failure reason and returns 1, or returns 0 with the tarball in $archive.
download_release() {
  local status
  status="$(curl --silent --show-error --get --noproxy '*' --max-time 30 --header 'Metadata: true' \
    --data-urlencode "api-version=$token_api_version" \
    --data-urlencode "resource=$storage_resource" \
    --data-urlencode "client_id=$client_id" \
    --output "$token_response" --write-out '%{http_code}' \
    "$imds_endpoint/metadata/identity/oauth2/token" 2>"$curl_errors")" || true
  if [ "$status" != 200 ]; then
    echo "managed identity token request failed: HTTP $status $(head -c 300 "$token_response" 2>/dev/null) $(cat "$curl_errors")"
    return 1
  fi

  local token
  token="$(sed -n 's/.*"access_token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$token_response")"
  if [ -z "$token" ]; then
    echo "managed identity token response has no access_token"
    return 1
  fi
  (umask 077 && printf 'Authorization: Bearer %s\n' "$token" >"$auth_header")

  status="$(curl --silent --show-error --connect-timeout 10 --max-time 900 \
    --header "@$auth_header" --header "x-ms-version: $blob_api_version" \
    --output "$archive" --write-out '%{http_code}' "$blob_url" 2>"$curl_errors")" || true
  if [ "$status" = 200 ]; then
    return 0
  fi

  local error_code=''
  if [ -f "$archive" ]; then
    error_code="$(sed -n 's/.*<Code>\([^<]*\)<\/Code>.*/\1/p' "$archive" | head -n 1)"
  fi
  case "$status" in
    403) echo "blob storage returned HTTP 403 ${error_code:-}; the role assignment may still be propagating" ;;
    *) echo "blob storage request failed: HTTP $status ${error_code:-} $(cat "$curl_errors")" ;;
  esac
  return 1
}

attempt=1
delay_ms="$retry_base_ms"
while true; do
  if reason="$(download_release)"; then
    break
  fi
  if [ "$attempt" -ge "$download_attempts" ]; then
    fail "release download failed after $attempt attempts: $reason"
  fi
  log "download attempt $attempt of $download_attempts failed: $reason; retrying in ${delay_ms} ms"
  sleep_ms "$delay_ms"
  attempt=$((attempt + 1))
  delay_ms=$((delay_ms * 2))
  if [ "$delay_ms" -gt "$retry_max_ms" ]; then
    delay_ms="$retry_max_ms"
  fi
done
rm -f "$auth_header" "$token_response"
log "downloaded $(stat -c %s "$archive") bytes in $attempt attempt(s)"

# --- verify and unpack ------------------------------------------------------------------

actual_sha256="$(sha256sum "$archive" | cut -d ' ' -f 1)"
if [ "$actual_sha256" != "$expected_sha256" ]; then
  fail "SHA-256 mismatch for $blob_url: expected $expected_sha256, got $actual_sha256; the service is not started"
fi
log "SHA-256 verified"

unpacked="$work_dir/unpacked"
mkdir "$unpacked"
tar --extract "$compression" --file "$archive" --directory "$unpacked" --no-same-owner ||
  fail "tar failed to unpack $blob_name; the service is not started"
for required in manifest.json node/bin/node service/main.js; do
  [ -e "$unpacked/$required" ] || fail "release $release_name has no $required; is it a vmss-autoscaling release tarball?"
done

release_dir="$release_root/releases/$release_name"
rm -rf "$release_dir"
mv "$unpacked" "$release_dir"
ln -sfn "releases/$release_name" "$release_root/current.new"
mv -T "$release_root/current.new" "$release_root/current"
log "unpacked into $release_dir; current -> releases/$release_name"

# --- start and wait for health ----------------------------------------------------------

systemctl daemon-reload
systemctl enable "$unit_name"
systemctl restart "$unit_name"
log "started $unit_name; waiting up to ${health_timeout_seconds} s for $health_url"

deadline=$((SECONDS + health_timeout_seconds))
until curl --silent --fail --noproxy '*' --max-time 2 --output /dev/null "$health_url"; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    fail "service not healthy at $health_url after ${health_timeout_seconds} s; see journalctl -u $unit_name"
  fi
  sleep 0.5
done
log "service healthy at $health_url, $(elapsed_seconds) s after bootstrap start"
