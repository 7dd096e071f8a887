#!/usr/bin/env sh
# Starts the published Kazgov host from this folder: the API in api/, the front-office app in
# client/dist/ (found beside api/). Settings come from the environment, and from kazgov.env
# beside this script when it exists (copy kazgov.env.sample). The minimum:
#   ConnectionStrings__Kazgov='Host=…;Database=kazgov;Username=…;Password=…' \
#   Security__Jwt__SigningKey="$(openssl rand -base64 48)" ./run.sh
# Arguments are passed to the host (e.g. --urls http://127.0.0.1:8080).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
if [ -f "$here/kazgov.env" ]; then
  set -a
  . "$here/kazgov.env"
  set +a
fi
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
cd "$here/api"
if command -v dotnet >/dev/null 2>&1; then
  exec dotnet "$here/api/Kazgov.Api.dll" --contentRoot "$here/api" "$@"
fi
exec "$here/api/Kazgov.Api" --contentRoot "$here/api" "$@"
