# Every target runs with the Node.js version pinned in .nvmrc, which
# scripts/ensure-node.sh provides from npm when the machine has another one.
SHELL := /bin/bash
.DEFAULT_GOAL := help

NODE_VERSION := $(shell tr -d '[:space:]' < .nvmrc)
NODE_BIN := $(shell scripts/ensure-node.sh)
ifeq ($(NODE_BIN),)
$(error Node.js v$(NODE_VERSION) is not available: see the ensure-node message above)
endif
export PATH := $(NODE_BIN):$(PATH)
# node-gyp builds native modules (better-sqlite3) against these headers instead of downloading them.
ifneq ($(wildcard $(NODE_BIN)/../include/node),)
export npm_config_nodedir := $(abspath $(NODE_BIN)/..)
endif
# Artillery depends on Playwright: never download a browser, never send telemetry.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export ARTILLERY_DISABLE_TELEMETRY := true

INSTALLED := node_modules/.installed-node-$(NODE_VERSION)

PROFILE ?= spike
TARGET ?= http://127.0.0.1:8080
TIME_SCALE ?= 30
ARGS ?=

.PHONY: help install build-templates check-templates typecheck lint test dev demo load rehearse \
        package deploy release monitor destroy bench explain clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 20

$(INSTALLED): package.json package-lock.json .nvmrc
	npm ci --no-audit --no-fund
	touch $@

install: $(INSTALLED) ## Install the npm dependencies with the pinned Node.js

build-templates: $(INSTALLED) ## Emit Bicep and ARM JSON from dsl/ into generated/
	npx tsx dsl/cli/build-templates.ts $(ARGS)

check-templates: $(INSTALLED) ## Fail when generated/ differs from what dsl/ emits
	npx tsx dsl/cli/build-templates.ts --check

typecheck: $(INSTALLED) ## Type-check every TypeScript file
	npx tsc --noEmit -p tsconfig.json

lint: $(INSTALLED) ## Run ESLint
	npx eslint .

test: $(INSTALLED) typecheck lint ## Type-check, lint and run every test (set CI=true to make skips fail)
	BICEP_PATH="$${BICEP_PATH:-$$(scripts/ensure-bicep.sh || true)}" npx jest $(ARGS)

dev: $(INSTALLED) ## Run the service on 127.0.0.1:8080 with SQLite (honours PORT, HOST, DATA_DIR)
	npx tsx service/src/main.ts

demo: $(INSTALLED) ## Start the service locally, run the smoke and spike profiles, print a summary
	npx tsx scripts/demo.ts $(ARGS)

load: $(INSTALLED) ## Run an Artillery profile: make load PROFILE=spike TARGET=http://host
	npx tsx scripts/load.ts --profile $(PROFILE) --target $(TARGET) $(ARGS)

rehearse: $(INSTALLED) ## Rehearse autoscaling locally: make rehearse PROFILE=spike TIME_SCALE=30
	npx tsx scripts/rehearse/cli.ts --profile $(PROFILE) --time-scale $(TIME_SCALE) $(ARGS)

explain: $(INSTALLED) ## Explain autoscale decisions for a CPU series: make explain ARGS='--cpu 20x5,90x10'
	npx tsx dsl/autoscale/explain-cli.ts $(ARGS)

package: $(INSTALLED) ## Build the release tarball with the service and its Node.js runtime
	npx tsx scripts/package/cli.ts $(ARGS)

deploy: $(INSTALLED) ## Deploy to Azure: make deploy ARGS='--resource-group rg --location westeurope'
	npx tsx scripts/deploy/cli.ts deploy $(ARGS)

release: $(INSTALLED) ## Package, upload and roll out a new release
	npx tsx scripts/deploy/cli.ts release $(ARGS)

monitor: $(INSTALLED) ## Watch instances, CPU and autoscale events: make monitor ARGS='--resource-group rg'
	npx tsx scripts/deploy/cli.ts monitor $(ARGS)

destroy: $(INSTALLED) ## Delete the resource group
	npx tsx scripts/deploy/cli.ts destroy $(ARGS)

bench: $(INSTALLED) ## Print the service's benchmark figures
	npx tsx scripts/bench/run.ts $(ARGS)

clean: ## Remove installed tools and dependencies
	rm -rf node_modules .tools
