import StampedeModel

/// Reads behaviours, their states, transitions and activities.
enum BehaviourDecoder {
    static func decode(_ entry: YAMLEntry) -> BehaviourSpec? {
        let node = entry.value
        guard let stateEntries = node["states"]?.entries else { return nil }
        let states = stateEntries.compactMap(state)
        let activities: [ActivitySpec] = (node["activities"]?.entries ?? []).compactMap { item in
            let rate = item.value["every"]?.seconds.map { $0 > 0 ? 1 / $0 : .infinity } ?? item.value["rate"]?.perSecond
            guard let rate, let start = item.value["start"]?.text else { return nil }
            return ActivitySpec(name: item.key, ratePerSecond: rate, start: start, location: item.keyLocation,
                                startLocation: item.value["start"]?.scalar?.contentLocation)
        }
        return BehaviourSpec(
            name: entry.key,
            weight: node["weight"]?.number ?? 1,
            start: node["start"]?.text ?? stateEntries.first?.key ?? endStateName,
            states: states,
            activities: activities,
            location: entry.keyLocation,
            startLocation: node["start"]?.scalar?.contentLocation
        )
    }

    private static func state(_ entry: YAMLEntry) -> StateSpec? {
        let node = entry.value
        let kind: StateSpec.Kind
        if let reference = node["action"]?.text {
            let parts = reference.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return nil }
            let parameters = node["with"]?.entries ?? []
            kind = .action(ActionSpec(
                target: parts[0], action: parts[1],
                parameters: Dictionary(parameters.map { ($0.key, $0.value.configValue) }, uniquingKeysWith: { first, _ in first }),
                captures: Dictionary((node["capture"]?.entries ?? []).compactMap { item in item.value.text.map { (item.key, $0) } },
                                     uniquingKeysWith: { first, _ in first }),
                expectedLatency: node["expect"]?.seconds,
                tags: Dictionary((node["tags"]?.entries ?? []).compactMap { item in item.value.text.map { (item.key, $0) } },
                                 uniquingKeysWith: { first, _ in first }),
                location: node["action"]?.scalar?.contentLocation
            ))
        } else if let rendezvous = node["rendezvous"], let players = rendezvous["players"]?.integer {
            kind = .rendezvous(players: players, timeout: rendezvous["timeout"]?.seconds)
        } else {
            return nil
        }
        let think = node["think"].flatMap(DistributionDecoder.decode)
        return StateSpec(
            name: entry.key, kind: kind, think: think, transitions: transitions(node["next"]), onError: node["on_error"]?.text,
            onErrorLocation: node["on_error"]?.scalar?.contentLocation, location: entry.keyLocation)
    }

    private static func transitions(_ node: YAMLNode?) -> [Transition] {
        guard let node else { return [] }
        if let name = node.text { return [Transition(to: name, probability: 1, location: node.scalar?.contentLocation)] }
        return (node.entries ?? []).map {
            Transition(to: $0.key, probability: $0.value.probability ?? .nan, location: $0.keyLocation)
        }
    }
}
