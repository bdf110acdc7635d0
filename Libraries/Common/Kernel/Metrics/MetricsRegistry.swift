import FoundationEssentials
import Synchronization

/// Counters and histograms rendered in the Prometheus text exposition format (version 0.0.4).
///
/// Label values are escaped when rendered. Keep label sets small: every distinct combination
/// is a time series kept in memory for the life of the process.
///
/// Each thread records into its own shard of a `ThreadShardedState`, so the worker threads of a
/// busy server seldom wait for each other's lock. `render()` adds the shards up.
public final class MetricsRegistry: Sendable {
    /// Upper bounds in seconds of the request latency histogram.
    public static let latencyBuckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private struct Histogram {
        var bucketCounts: [Int]
        var sum: Double = 0
        var count: Int = 0

        init() { bucketCounts = Array(repeating: 0, count: MetricsRegistry.latencyBuckets.count) }

        mutating func record(_ seconds: Double) {
            for (index, bound) in MetricsRegistry.latencyBuckets.enumerated() where seconds <= bound {
                bucketCounts[index] += 1
            }
            sum += seconds
            count += 1
        }

        mutating func add(_ other: Histogram) {
            for index in bucketCounts.indices { bucketCounts[index] += other.bucketCounts[index] }
            sum += other.sum
            count += other.count
        }
    }

    private struct State {
        var counters: [String: [String: Double]] = [:]
        var histograms: [String: [String: Histogram]] = [:]
        var help: [String: (type: String, text: String)] = [:]

        mutating func describe(_ name: String, type: String, help text: String) {
            if help[name] == nil { help[name] = (type, text) }
        }
    }

    private let shards = ThreadShardedState { State() }

    public init() {}

    public func increment(_ name: String, help: String, labels: [(String, String)] = [], by amount: Double = 1) {
        let key = Self.labelText(labels)
        shards.withCurrent { state in
            state.describe(name, type: "counter", help: help)
            state.counters[name, default: [:]][key, default: 0] += amount
        }
    }

    public func observe(_ name: String, help: String, labels: [(String, String)] = [], seconds: Double) {
        let key = Self.labelText(labels)
        shards.withCurrent { state in
            state.describe(name, type: "histogram", help: help)
            // Mutating in place keeps the bucket array unshared, so no copy is made under the lock.
            state.histograms[name, default: [:]][key, default: Histogram()].record(seconds)
        }
    }

    /// Records one served HTTP request under its route pattern, never its raw path.
    public func recordRequest(method: String, route: String, status: Int, seconds: Double) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        increment("http_requests_total", help: "HTTP requests served, by method, route and status.", labels: labels)
        observe("http_request_duration_seconds", help: "Time from the request's arrival to its response, by route.",
                labels: [("method", method), ("route", route)], seconds: seconds)
    }

    /// Renders the whole registry in the text format, with series sorted for stable output.
    public func render() -> String {
        let snapshot = mergedShards()
        var lines: [String] = []
        for name in snapshot.help.keys.sorted() {
            let (type, help) = snapshot.help[name]!
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            for (labels, value) in (snapshot.counters[name] ?? [:]).sorted(by: { $0.key < $1.key }) {
                lines.append("\(name)\(Self.braced(labels)) \(Self.format(value))")
            }
            for (labels, histogram) in (snapshot.histograms[name] ?? [:]).sorted(by: { $0.key < $1.key }) {
                for (index, bound) in Self.latencyBuckets.enumerated() {
                    let withBound = Self.joinLabels(labels, "le=\"\(Self.format(bound))\"")
                    lines.append("\(name)_bucket{\(withBound)} \(histogram.bucketCounts[index])")
                }
                lines.append("\(name)_bucket{\(Self.joinLabels(labels, "le=\"+Inf\""))} \(histogram.count)")
                lines.append("\(name)_sum\(Self.braced(labels)) \(Self.format(histogram.sum))")
                lines.append("\(name)_count\(Self.braced(labels)) \(histogram.count)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func mergedShards() -> State {
        var merged = State()
        shards.forEach { state in
            merged.help.merge(state.help) { first, _ in first }
            for (name, series) in state.counters {
                merged.counters[name, default: [:]].merge(series, uniquingKeysWith: +)
            }
            for (name, series) in state.histograms {
                for (labels, histogram) in series {
                    merged.histograms[name, default: [:]][labels, default: Histogram()].add(histogram)
                }
            }
        }
        return merged
    }

    private static func labelText(_ labels: [(String, String)]) -> String {
        labels.map { "\($0.0)=\"\(escape($0.1))\"" }.joined(separator: ",")
    }

    private static func escape(_ value: String) -> String {
        // Most label values need no escaping; checking first keeps the hot path off Foundation.
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) else {
            return value
        }
        return value.replacingAll("\\", with: "\\\\")
            .replacingAll("\"", with: "\\\"")
            .replacingAll("\n", with: "\\n")
    }

    private static func braced(_ labels: String) -> String { labels.isEmpty ? "" : "{\(labels)}" }

    private static func joinLabels(_ labels: String, _ extra: String) -> String {
        labels.isEmpty ? extra : "\(labels),\(extra)"
    }

    private static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
