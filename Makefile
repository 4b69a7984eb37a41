# Stampede — the two commands a newcomer needs: `make demo` and `make test`.
SWIFT ?= swift
STAMPEDE = .build/debug/stampede
RELEASE_STAMPEDE = .build/release/stampede
DEMO_SCENARIO = scenarios/evening-herd.yaml

.PHONY: deps build test demo schema clean

deps:
	@scripts/install-deps.sh

# The harness and the reference target's executables (the orchestrator starts game servers from the same folder).
build: deps
	$(SWIFT) build

# Tests that measure time (the engine, the adapters against real servers, end-to-end runs, the harness against the
# reference target, the game server's tick loop, the orchestrator's game server processes and proxy, a real Prometheus)
# run one at a time after the others, so that CPU-heavy tests on these 2 cores cannot distort what they measure.
TIMED_TESTS = EngineTests|AdapterTests|RunCommandTests|EndToEndTests|GameServerTests|ProxyTests|OrchestratorAllocationTests|OrchestratorLifecycleTests|PrometheusScrapeTests

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip '$(TIMED_TESTS)'
	$(SWIFT) test --skip-build --no-parallel --filter '$(TIMED_TESTS)'

# The whole reference target under a minute of load with a thundering herd (scripts/demo.sh): starts it, runs
# scenarios/evening-herd.yaml, prints the summary, stops everything. Release builds: a load test of debug builds
# measures the debug builds.
demo: deps
	$(SWIFT) build -c release
	$(RELEASE_STAMPEDE) plan $(DEMO_SCENARIO)
	scripts/demo.sh

# Regenerates the JSON Schema from the language definition (a test checks it is current).
schema: build
	$(STAMPEDE) schema > scenarios/stampede.schema.json

clean:
	rm -rf .build
