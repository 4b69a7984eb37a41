import Foundation
import StampedeModel
import StampedePlan
import Synchronization

/// The CSV feeders of a run, loaded once. Each player gets its row of each feeder the first time it asks:
/// `sequential` hands rows out in turn (wrapping), `random` picks a seeded random row, `unique` gives each player its
/// own row and reports exhaustion as an error of the action.
final class FeederStore: Sendable {
    private struct Table: Sendable {
        let spec: FeederSpec
        let columns: [String: Int]
        let rows: [[String]]
    }

    private let tables: [String: Table]
    private let cursors: Mutex<[String: Int]>
    private let seed: UInt64

    /// Loads every feeder of `scenario`.
    /// - Throws: ``FeederError`` when a file cannot be read or has no rows.
    init(_ scenario: Scenario, seed: UInt64) throws(FeederError) {
        var tables: [String: Table] = [:]
        for feeder in scenario.feeders {
            guard let data = FileManager.default.contents(atPath: feeder.path), let text = String(data: data, encoding: .utf8) else {
                throw FeederError(feeder: feeder.name, message: "cannot read \(feeder.path)")
            }
            var rows = CSV.rows(of: text)
            if feeder.header, !rows.isEmpty { rows.removeFirst() }
            guard !rows.isEmpty else { throw FeederError(feeder: feeder.name, message: "\(feeder.path) has no data rows") }
            let columns = Dictionary(feeder.columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            tables[feeder.name] = Table(spec: feeder, columns: columns, rows: rows)
        }
        self.tables = tables
        self.cursors = Mutex([:])
        self.seed = seed
    }

    /// The value of `column` in `player`'s row of `feeder` (nil when the feeder ran out of unique rows).
    func value(feeder: String, column: String, player: Player) -> String? {
        guard let table = tables[feeder], let columnIndex = table.columns[column] else { return nil }
        let rowIndex: Int
        if let assigned = player.feederRows[feeder] {
            rowIndex = assigned
        } else {
            guard let assigned = assignRow(table, player: player) else { return nil }
            player.feederRows[feeder] = assigned
            rowIndex = assigned
        }
        let row = table.rows[rowIndex]
        return columnIndex < row.count ? row[columnIndex] : ""
    }

    private func assignRow(_ table: Table, player: Player) -> Int? {
        switch table.spec.order {
        case .random:
            var rng = SeededRandom(seed: seed).derived(table.spec.name).derived(UInt64(truncatingIfNeeded: player.id))
            return Int(rng.next(upperBound: UInt64(table.rows.count)))
        case .sequential, .unique:
            let next = cursors.withLock { cursors -> Int in
                let value = cursors[table.spec.name, default: 0]
                cursors[table.spec.name] = value + 1
                return value
            }
            if table.spec.order == .unique { return next < table.rows.count ? next : nil }
            return next % table.rows.count
        }
    }
}

/// A feeder could not be loaded.
struct FeederError: Error, Sendable, CustomStringConvertible {
    /// The feeder's name.
    let feeder: String
    /// What went wrong.
    let message: String

    var description: String { "feeder '\(feeder)': \(message)" }
}
