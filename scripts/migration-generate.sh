#!/usr/bin/env bash
# Usage: DATABASE_URL=postgres://... npm run migration:generate -- VerbThing
# Writes migrations/<timestamp>-VerbThing.ts from the difference between the entities and the
# database. Read it and trim it by hand before committing: generated SQL is a draft.
set -euo pipefail
name="${1:?usage: npm run migration:generate -- VerbThing}"
exec npx typeorm-ts-node-commonjs migration:generate --pretty -d src/database/data-source.ts "migrations/${name}"
