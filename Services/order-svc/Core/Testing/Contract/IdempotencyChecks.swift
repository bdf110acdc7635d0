import CommonKernel
import Dispatch
import FoundationEssentials
import Glibc
import Synchronization

enum IdempotencyChecks {
    static let all: [OrderStoreContract.Check] = [
        .init(name: "attempt completes once", run: completion),
        .init(name: "attempt abandons and frees its key", run: abandonment),
        .init(name: "concurrent begins store one attempt", run: concurrentBegins),
    ]

    /// Makes a pending attempt under `key`, started at `time`.
    static func attempt(_ key: String, orderID: UUID = UUID(), at time: Date = OrderFixtures.epoch) -> CheckoutAttempt {
        CheckoutAttempt(
            key: key, fingerprint: SHA256.hexDigest(key), orderID: orderID, state: .pending, startedAt: time,
            updatedAt: time)
    }

    /// A failed completion may surface at the transaction's next statement or its commit, so
    /// each one runs in a transaction of its own that must fail as a whole.
    static func completion(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        let first = attempt("key-1")
        try subject.store.transaction(tenantID: tenant) { transaction in
            let attempts = transaction.checkoutAttempts
            try Expect.equal(try attempts.begin(first, tenantID: tenant), first, "the first begin")
            try Expect.equal(
                try attempts.begin(attempt("key-1"), tenantID: tenant), first, "a second begin returns the first")
        }
        try expectLostCompletion(subject, key: "key-1", orderID: UUID(), tenantID: tenant, "completing under another order id")
        try subject.store.transaction(tenantID: tenant) { transaction in
            let attempts = transaction.checkoutAttempts
            try Expect.equal(try attempts.find(key: "key-1", tenantID: tenant)?.state, .pending, "after a lost completion")
            try attempts.complete(key: "key-1", orderID: first.orderID, tenantID: tenant, at: OrderFixtures.epoch + 5)
            try Expect.equal(try attempts.find(key: "key-1", tenantID: tenant)?.state, .completed, "state")
            try Expect.equal(
                try attempts.find(key: "key-1", tenantID: tenant)?.updatedAt, OrderFixtures.epoch + 5, "update time")
        }
        try expectLostCompletion(subject, key: "key-1", orderID: first.orderID, tenantID: tenant, "completing twice")
        try subject.store.transaction(tenantID: tenant) { transaction in
            let attempts = transaction.checkoutAttempts
            try Expect.that(
                !(try attempts.markAbandoning(
                    key: "key-1", orderID: first.orderID, tenantID: tenant, at: OrderFixtures.epoch)),
                "abandoning a completed attempt")
            try attempts.delete(key: "key-1", orderID: first.orderID, tenantID: tenant)
            try Expect.equal(try attempts.find(key: "key-1", tenantID: tenant)?.state, .completed, "after a delete")
        }
    }

    /// Expects completing the attempt under `key`, in a transaction of its own, to fail with
    /// `idempotency.attempt_lost`. The store may report it at the call or at the commit.
    private static func expectLostCompletion(
        _ subject: OrderStoreUnderTest, key: String, orderID: UUID, tenantID: UUID, _ label: String
    ) throws {
        try Expect.throwsError(code: "idempotency.attempt_lost", label) {
            try subject.store.transaction(tenantID: tenantID) { transaction in
                try transaction.checkoutAttempts.complete(
                    key: key, orderID: orderID, tenantID: tenantID, at: OrderFixtures.epoch)
            }
        }
    }

    static func abandonment(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        let stale = attempt("stale")
        let fresh = attempt("fresh", at: OrderFixtures.epoch + 600)
        try subject.store.transaction(tenantID: tenant) { transaction in
            let attempts = transaction.checkoutAttempts
            for record in [stale, fresh] { _ = try attempts.begin(record, tenantID: tenant) }
            try Expect.equal(
                try attempts.unfinished(updatedBefore: OrderFixtures.epoch + 300, limit: 10, tenantID: tenant),
                [stale], "attempts unfinished before the time")

            try Expect.that(
                try attempts.markAbandoning(
                    key: "stale", orderID: stale.orderID, tenantID: tenant, at: OrderFixtures.epoch),
                "abandoning a pending attempt")
            try Expect.that(
                try attempts.markAbandoning(
                    key: "stale", orderID: stale.orderID, tenantID: tenant, at: OrderFixtures.epoch),
                "abandoning it again")
            try Expect.that(
                !(try attempts.markAbandoning(
                    key: "stale", orderID: UUID(), tenantID: tenant, at: OrderFixtures.epoch)),
                "abandoning under another order id")
        }
        try expectLostCompletion(
            subject, key: "stale", orderID: stale.orderID, tenantID: tenant, "completing an abandoning attempt")
        try subject.store.transaction(tenantID: tenant) { transaction in
            let attempts = transaction.checkoutAttempts
            try Expect.equal(
                try attempts.unfinished(updatedBefore: OrderFixtures.epoch + 300, limit: 10, tenantID: tenant).map(
                    \.state),
                [.abandoning], "abandoning attempts stay listed")

            try attempts.delete(key: "stale", orderID: stale.orderID, tenantID: tenant)
            try Expect.equal(try attempts.find(key: "stale", tenantID: tenant), nil, "after the delete")
            let reused = attempt("stale")
            try Expect.equal(try attempts.begin(reused, tenantID: tenant), reused, "the freed key")
        }
    }

    static func concurrentBegins(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        let stored = ConcurrentNumbers()
        let orderIDs = Mutex<Set<UUID>>([])
        DispatchQueue.concurrentPerform(iterations: 50) { index in
            do {
                let record = try subject.store.transaction(tenantID: tenant) { transaction in
                    try transaction.checkoutAttempts.begin(attempt("shared"), tenantID: tenant)
                }
                _ = orderIDs.withLock { $0.insert(record.orderID) }
                stored.record(index)
            } catch {
                stored.record(error)
            }
        }
        try Expect.equal(stored.errors, [], "unexpected errors")
        try Expect.equal(orderIDs.withLock { $0.count }, 1, "distinct attempts returned")
    }
}
