import StampedeMetrics
import StampedeModel
import Testing

@Suite("Sharded recording")
struct MetricsRecorderTests {
    @Test("records from many concurrent tasks are all merged", arguments: [1, 4, 16])
    func concurrentRecords(shards: Int) async {
        let recorder = MetricsRecorder(shardCount: shards)
        let workers = 48
        let perWorker = 500
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    for sample in 0..<perWorker {
                        recorder.record(worker: worker) { store in
                            Fixtures.recordAction(
                                &store, worker % 2 == 0 ? "game.login" : "game.play", latency: Double(sample + 1) / 1000,
                                errorKind: sample % 10 == 0 ? "timeout" : nil)
                        }
                    }
                }
            }
        }
        let store = recorder.snapshot()
        #expect(recorder.shardCount == shards)
        #expect(store.merged("requests") == .counter(Double(workers * perWorker)))
        #expect(store.merged("requests", matching: [filter("action", "game.play")]) == .counter(Double(workers * perWorker / 2)))
        #expect(store.merged("errors") == .rate(trues: UInt64(workers * perWorker / 10), total: UInt64(workers * perWorker)))
        #expect(store.merged("bytes_in") == .counter(Double(workers * perWorker * 100)))
        guard case .trend(let latency)? = store.merged("latency", matching: [filter("outcome", "ok")]) else {
            Issue.record("no latency trend")
            return
        }
        #expect(latency.count == UInt64(workers * perWorker * 9 / 10))
        #expect(latency.histogram.totalCount == latency.count)
        #expect(latency.min == 0.002 && latency.max == 0.5)
    }

    @Test("negative worker numbers pick a shard too")
    func negativeWorker() {
        let recorder = MetricsRecorder(shardCount: 3)
        recorder.record(worker: -7) { $0.add("requests", TagSet()) }
        recorder.record(worker: Int.min) { $0.add("requests", TagSet()) }
        #expect(recorder.snapshot().merged("requests") == .counter(2))
    }

    private func filter(_ key: String, _ value: String) -> TagFilter {
        TagFilter(key: key, value: value, location: Fixtures.location)
    }
}
