# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
DOTNET ?= dotnet
URLS ?= http://127.0.0.1:8080
CONFIG ?= Release
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: setup setup-test setup-scale build run test test-scale bench bench-relay soak clean

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

setup-scale:
	@scripts/setup.sh --scale

build: setup
	$(DOTNET) build Voxgate.slnx -c $(CONFIG) -v quiet -nologo

run: setup
	$(DOTNET) build src/Voxgate.Server/Voxgate.Server.csproj -c $(CONFIG) -v quiet -nologo
	$(DOTNET) src/Voxgate.Server/bin/$(CONFIG)/net10.0/linux-x64/voxgate.dll serve --urls $(URLS)

test: setup-test
	$(DOTNET) build Voxgate.slnx -c $(CONFIG) -v quiet -nologo
	@scripts/test.sh $(CONFIG)

# Ten minutes of call churn through a gateway process; fails if its memory, threads or handles keep growing.
soak: setup
	$(DOTNET) build src/Voxgate.Server/Voxgate.Server.csproj -c Release -v quiet -nologo
	$(DOTNET) src/Voxgate.Server/bin/Release/net10.0/linux-x64/voxgate.dll bench soak --minutes 10 --concurrency 50

# Several instances for real on loopback: Debian's nginx (deploy/nginx's configuration) in front of two voxgate
# processes sharing one PostgreSQL; calls spread, bookings, tokens, drain on SIGTERM, recovery after SIGKILL.
test-scale: setup-scale
	$(DOTNET) build Voxgate.slnx -c $(CONFIG) -v quiet -nologo
	@scripts/test.sh $(CONFIG) --scale

bench: setup
	$(DOTNET) run -c Release --project bench/Voxgate.Benchmarks -- --filter '*'

# Relay capacity with Node's load generator and echo upstream (bench/relay-node), beside the least a relay must do.
# RELAY_ARGS='--voxgate old=/path/to/old/voxgate.dll --sessions 200 300' compares another build in the same run.
RELAY_ARGS ?=
bench-relay: setup
	$(DOTNET) build src/Voxgate.Server/Voxgate.Server.csproj -c Release -v quiet -nologo
	cd bench/relay-node && npm ci --no-audit --no-fund --loglevel=error
	node bench/relay-node/run.mjs --floor --voxgate "this build=src/Voxgate.Server/bin/Release/net10.0/linux-x64/voxgate.dll" $(RELAY_ARGS)

clean:
	$(DOTNET) clean Voxgate.slnx -v quiet
