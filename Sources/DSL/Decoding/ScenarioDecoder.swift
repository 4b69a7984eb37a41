import StampedeModel

/// Builds the ``Scenario`` model from a structurally valid YAML tree. Malformed parts (already reported by the
/// ``ShapeValidator``) are skipped, so that semantic checks can still report every other problem.
struct ScenarioDecoder {
    let file: String

    func decode(_ root: YAMLNode) -> Scenario {
        Scenario(
            file: file,
            name: root["name"]?.text ?? "",
            description: root["description"]?.text,
            seed: root["seed"]?.integer.flatMap { $0 >= 0 ? UInt64($0) : nil },
            duration: root["duration"]?.seconds ?? 0,
            targets: (root["targets"]?.entries ?? []).compactMap(target),
            feeders: (root["data"]?.entries ?? []).compactMap(feeder),
            behaviours: (root["behaviours"]?.entries ?? []).compactMap(BehaviourDecoder.decode),
            loads: (root["load"]?.entries ?? []).compactMap(load)
        )
    }

    private func target(_ entry: YAMLEntry) -> TargetSpec? {
        // A target whose adapter is missing or malformed is kept with no adapter, so that actions using it are
        // not reported a second time as using an unknown target.
        let adapter = entry.value["adapter"]?.text ?? ""
        let config = entry.value["config"]?.entries ?? []
        return TargetSpec(
            name: entry.key, adapter: adapter,
            config: Dictionary(config.map { ($0.key, $0.value.configValue) }, uniquingKeysWith: { first, _ in first }),
            location: entry.keyLocation
        )
    }

    private func feeder(_ entry: YAMLEntry) -> FeederSpec? {
        guard let path = entry.value["file"]?.text else { return nil }
        let order = entry.value["order"]?.text.flatMap(FeederSpec.Order.init(rawValue:)) ?? .sequential
        return FeederSpec(
            name: entry.key, path: path,
            columns: entry.value["columns"]?.items?.compactMap(\.text) ?? [],
            header: entry.value["header"]?.bool ?? true, order: order, location: entry.keyLocation,
            fileLocation: entry.value["file"]?.scalar?.contentLocation
        )
    }

    private func load(_ entry: YAMLEntry) -> LoadSpec? {
        let node = entry.value
        let model: LoadSpec.Model
        switch node["model"]?.text {
        case "open":
            guard let rate = node["rate"].flatMap({ CurveDecoder.decode($0, .rate) }) else { return nil }
            let arrivals = node["arrivals"]?.text.flatMap(ArrivalProcess.init(rawValue:)) ?? .even
            model = .open(rate: rate, arrivals: arrivals, maxInFlight: node["max_in_flight"]?.integer)
        case "closed":
            guard let players = node["players"].flatMap({ CurveDecoder.decode($0, .level) }) else { return nil }
            model = .closed(players: players)
        case "population":
            guard let players = node["players"].flatMap({ CurveDecoder.decode($0, .level) }) else { return nil }
            model = .population(players: players)
        default:
            return nil
        }
        var mix: [WeightedBehaviour] = []
        if let entries = node["behaviours"]?.entries {
            mix = entries.compactMap { item in
                item.value.number.map { WeightedBehaviour(behaviour: item.key, weight: $0, location: item.keyLocation) }
            }
        } else if let items = node["behaviours"]?.items {
            mix = items.compactMap { item in
                item.text.map { WeightedBehaviour(behaviour: $0, weight: .nan, location: item.scalar?.contentLocation) }
            }
        }
        return LoadSpec(name: entry.key, model: model, mix: mix, location: entry.keyLocation)
    }
}
