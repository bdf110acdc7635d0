import CommonKernel
import Foundation
import TenantCore

/// A reversible stand-in for Argon2, so that use-case tests run in microseconds.
struct PlainPasswordHasher: PasswordHasher {
    func hash(_ password: String) throws -> String { "plain$" + password }
    func verify(_ password: String, against encodedHash: String) -> Bool { encodedHash == "plain$" + password }
}

/// Encodes the principal as JSON; enough to check what a use case signs.
struct JSONTokenService: TokenService {
    func issue(_ principal: Principal) throws -> String {
        String(decoding: try JSONCoding.encoder.encode(principal), as: UTF8.self)
    }

    func verify(_ token: String) throws -> Principal {
        try JSONCoding.decoder.decode(Principal.self, from: Data(token.utf8))
    }
}

struct TenantFixture {
    let store = InMemoryTenantStore()
    let notifier = RecordingTenantChangeNotifier()
    let dns = StaticDNSResolver()

    var createTenant: CreateTenant {
        CreateTenant(tenants: store, plans: store, hasher: PlainPasswordHasher(), notifier: notifier,
                     makePassword: { "generated-password" })
    }

    var domains: ManageCustomDomains {
        ManageCustomDomains(domains: store, resolver: dns, notifier: notifier, platformDomain: "example.test",
                            makeToken: { "token123" })
    }

    func create(_ subdomain: String, email: String? = nil) throws -> CreateTenant.Output {
        try createTenant(.init(name: subdomain.capitalized, subdomain: subdomain, planCode: "starter",
                               ownerEmail: email ?? "owner@\(subdomain).test"))
    }
}
