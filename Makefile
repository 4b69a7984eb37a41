# Stampede — the two commands a newcomer needs: `make demo` and `make test`.
SWIFT ?= swift
STAMPEDE = .build/debug/stampede
DEMO_SCENARIO = scenarios/steady-evening.yaml

.PHONY: deps build test demo schema clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build --product stampede

# Tests that measure time (the engine, the adapters against real servers, end-to-end runs, the harness against the
# reference target, the game server's tick loop) run one at a time after the others, so that CPU-heavy tests on these 2 cores cannot distort
# what they measure.
TIMED_TESTS = EngineTests|AdapterTests|RunCommandTests|EndToEndTests|GameServerTests

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip '$(TIMED_TESTS)'
	$(SWIFT) test --skip-build --no-parallel --filter '$(TIMED_TESTS)'

# Until the reference target lands, the demo checks every bundled scenario, shows the plan of one and runs the
# 30-second CI smoke test on the offline `null` adapter.
demo: build
	$(STAMPEDE) validate scenarios/*.yaml
	$(STAMPEDE) plan $(DEMO_SCENARIO)
	$(STAMPEDE) run scenarios/ci-smoke.yaml

# Regenerates the JSON Schema from the language definition (a test checks it is current).
schema: build
	$(STAMPEDE) schema > scenarios/stampede.schema.json

clean:
	rm -rf .build
