/// The elements of `items` for which `test` answers true, with at most `concurrency` tests running at once (the
/// end-of-run checks ask the target about every ticket or match, without flooding it).
func boundedFilter<S: Sequence>(
    _ items: S, concurrency: Int, _ test: @escaping @Sendable (S.Element) async -> Bool
) async -> [S.Element] where S.Element: Sendable {
    await withTaskGroup(of: (S.Element, Bool).self) { group in
        var kept: [S.Element] = []
        var next = items.makeIterator()
        for _ in 0..<max(1, concurrency) {
            guard let item = next.next() else { break }
            group.addTask { (item, await test(item)) }
        }
        while let (item, passed) = await group.next() {
            if passed { kept.append(item) }
            if let item = next.next() { group.addTask { (item, await test(item)) } }
        }
        return kept
    }
}
