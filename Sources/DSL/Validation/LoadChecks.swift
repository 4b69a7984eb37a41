import StampedeModel

extension SemanticChecker {
    /// Load models: the keys each model needs, the behaviours they draw from, and their curves.
    mutating func checkLoads(_ node: YAMLNode?) {
        let behaviourNames = scenario.behaviours.map(\.name)
        for entry in node?.entries ?? [] {
            guard let model = entry.value["model"]?.text, ["open", "closed", "population"].contains(model) else { continue }
            let needs = model == "open" ? "rate" : "players"
            if entry.value[needs] == nil {
                error(entry.keyLocation, "load '\(entry.key)' (\(model)) is missing '\(needs)'",
                      hint: model == "open" ? "give new runs per time, e.g. rate: 50/s" : "give a number of players, e.g. players: 100")
            }
            let forbidden = model == "open" ? ["players"] : ["rate", "arrivals", "max_in_flight"]
            for key in forbidden {
                guard let item = entry.value.entry(key) else { continue }
                error(item.keyLocation, "'\(key)' does not apply to \(model == "open" ? "an" : "a") \(model) load model",
                      hint: model == "open" ? "an open model is driven by rate:" : "\(key) belongs to open models")
            }
            for item in entry.value["behaviours"]?.entries ?? [] where !behaviourNames.contains(item.key) {
                error(item.keyLocation, "load '\(entry.key)' uses unknown behaviour '\(item.key)'",
                      hint: Suggestion.hint(for: item.key, in: behaviourNames, noun: "behaviours are"))
            }
            for item in entry.value["behaviours"]?.items ?? [] {
                guard let name = item.text, !behaviourNames.contains(name) else { continue }
                error(item.location, "load '\(entry.key)' uses unknown behaviour '\(name)'",
                      hint: Suggestion.hint(for: name, in: behaviourNames, noun: "behaviours are"))
            }
            if let curve = entry.value[needs] { checkCurve(curve, quantity: needs == "rate" ? .rate : .level) }
        }
        for index in scenario.loads.indices { completeMix(of: index) }
    }

    /// Fills in default weights and checks what the model needs of its behaviours.
    private mutating func completeMix(of index: Int) {
        var load = scenario.loads[index]
        if load.mix.isEmpty {
            load.mix = scenario.behaviours.map { WeightedBehaviour(behaviour: $0.name, weight: $0.weight) }
        }
        load.mix = load.mix.compactMap { entry in
            guard let behaviour = scenario.behaviour(named: entry.behaviour) else { return nil }
            var entry = entry
            if entry.weight.isNaN { entry.weight = behaviour.weight }
            return entry
        }
        if case .population = load.model {
            for entry in load.mix {
                guard let behaviour = scenario.behaviour(named: entry.behaviour), behaviour.activities.isEmpty else { continue }
                error(entry.location ?? load.location, "behaviour '\(behaviour.name)' has no activities, so its players in population load '\(load.name)' would only run its start state",
                      hint: "add activities: { NAME: { every: 300s, start: STATE } } to the behaviour")
            }
        }
        let length: CurveSpec?
        switch load.model {
        case .open(let rate, _, _): length = rate
        case .closed(let players), .population(let players): length = players
        }
        if let curve = length, let end = curve.length, scenario.duration > 0 {
            if end + 1e-9 < scenario.duration {
                warning(load.location, "load '\(load.name)' ends at \(end.durationText) but the scenario lasts \(scenario.duration.durationText)",
                        hint: "nothing is started by this load after \(end.durationText); extend the curve or shorten duration")
            } else if end > scenario.duration + 1e-9 {
                warning(load.location, "load '\(load.name)' lasts \(end.durationText) but the scenario stops at \(scenario.duration.durationText)",
                        hint: "the curve is cut at duration")
            }
        }
        scenario.loads[index] = load
    }

    /// Checks the meaning of a curve: lengths above zero, ascending points, open-ended parts only last.
    mutating func checkCurve(_ node: YAMLNode, quantity: CurveQuantity) {
        switch node {
        case .scalar:
            return
        case .sequence(let items, _):
            for (index, item) in items.enumerated() {
                checkCurve(item, quantity: quantity)
                if index < items.count - 1, let spec = CurveDecoder.decode(item, quantity), spec.length == nil {
                    error(item.location, "this part of the sequence never ends, so the parts after it never run",
                          hint: "give it a length with for:, or move it last")
                }
            }
        case .mapping:
            if let sum = node["sum"]?.items { sum.forEach { checkCurve($0, quantity: quantity) } }
            for (kind, key) in [("ramp", "over"), ("steps", "each"), ("sine", "period")] {
                if let value = node[kind]?[key], let seconds = value.seconds, seconds <= 0 {
                    error(value.location, "\(kind) \(key) must be longer than 0s")
                }
            }
            if let spike = node["spike"] ?? node["herd"], let within = spike["within"], let seconds = within.seconds, seconds <= 0,
               spike["shape"]?.text != nil, spike["shape"]?.text != "instant" {
                error(within.location, "a \(spike["shape"]?.text ?? "") spike needs a window longer than 0s")
            }
            if let sine = node["sine"], let base = sine["base"]?.curveValue(quantity),
               let amplitude = sine["amplitude"]?.curveValue(quantity), amplitude > base {
                warning(node.location, "the sine's amplitude is above its base, so it is cut at 0 part of the time",
                        hint: "keep amplitude ≤ base for a smooth cycle")
            }
            if let points = node["points"]?.items {
                var previous = -Double.infinity
                for (index, point) in points.enumerated() {
                    guard let time = point.items?.first?.seconds else { continue }
                    if index == 0, time != 0 {
                        error(point.location, "points must start at 0s", hint: "add [0s, …] first")
                    } else if time <= previous {
                        error(point.location, "point times must increase", hint: "sort the points by time")
                    }
                    previous = time
                }
            }
        }
    }
}

