#!/usr/bin/env bash
# `npm start`: set-up, release build, then the demo against a local Cognito emulator (or real Cognito
# when COGNITO_REGION and COGNITO_CLIENT_ID are set).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
exec node scripts/start.mjs
