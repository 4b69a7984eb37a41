# Stampede — the two commands a newcomer needs: `make demo` and `make test`.
SWIFT ?= swift
STAMPEDE = .build/debug/stampede
DEMO_SCENARIO = scenarios/steady-evening.yaml

.PHONY: deps build test demo schema clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build --product stampede

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel

# Until the engine lands, the demo checks every bundled scenario and shows the plan of one.
demo: build
	$(STAMPEDE) validate scenarios/*.yaml
	$(STAMPEDE) plan $(DEMO_SCENARIO)

# Regenerates the JSON Schema from the language definition (a test checks it is current).
schema: build
	$(STAMPEDE) schema > scenarios/stampede.schema.json

clean:
	rm -rf .build
