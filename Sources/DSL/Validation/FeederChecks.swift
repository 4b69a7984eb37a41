import Foundation
import StampedeModel

extension SemanticChecker {
    /// Feeder files must exist and be readable; their header gives the columns when `columns:` is absent.
    mutating func checkFeeders() {
        for index in scenario.feeders.indices {
            let feeder = scenario.feeders[index]
            let path = feeder.path.hasPrefix("/") ? feeder.path : URL(fileURLWithPath: directory).appendingPathComponent(feeder.path).path
            scenario.feeders[index].path = path
            guard let handle = FileHandle(forReadingAtPath: path) else {
                error(feeder.fileLocation ?? feeder.location, "feeder '\(feeder.name)': file '\(feeder.path)' does not exist or cannot be read",
                      hint: "paths are relative to the scenario file's folder")
                continue
            }
            defer { try? handle.close() }
            let head = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
            let firstLine = String(decoding: head.prefix { $0 != 0x0A }, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if firstLine.isEmpty {
                error(feeder.location, "feeder '\(feeder.name)': file '\(feeder.path)' is empty", hint: "a CSV feeder needs at least one row")
                continue
            }
            let fields = CSV.fields(of: firstLine)
            if feeder.columns.isEmpty {
                if feeder.header {
                    scenario.feeders[index].columns = fields
                } else {
                    error(feeder.location, "feeder '\(feeder.name)' has no header row and no columns:",
                          hint: "name the columns, e.g. columns: [id, password]")
                }
            } else if fields.count != feeder.columns.count {
                warning(feeder.location, "feeder '\(feeder.name)' names \(feeder.columns.count) columns but its first row has \(fields.count)",
                        hint: "check columns: against the file")
            }
        }
    }
}
