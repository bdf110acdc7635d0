// swift-tools-version: 6.0
import PackageDescription

/// Declares a Debian C library reached through a module map and pkg-config.
func systemLibrary(_ name: String, pkgConfig: String, apt: String) -> Target {
    .systemLibrary(
        name: name,
        path: "Libraries/System/\(name)",
        pkgConfig: pkgConfig,
        providers: [.apt([apt])]
    )
}

/// The functions that the services run, in the order the release link places them first.
/// scripts/link-order.sh writes the file from profiles of the services under traffic.
let hotFunctions = Context.packageDirectory + "/Libraries/LinkOrder/hot-functions.txt"

/// Release builds link with lld and pack their relative relocations (DT_RELR, glibc 2.36+):
/// the start-up relocation table shrinks from megabytes to kilobytes, and so does the resident
/// memory it takes. lld also places the functions listed in `hotFunctions` next to each other.
/// The kernel maps 64 KiB of an executable around each page fault in it, so scattered code that
/// runs once in each window made most of the text resident.
let releaseLinking: [LinkerSetting] = [
    .unsafeFlags(
        [
            "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
            "-Xlinker", "--symbol-ordering-file=\(hotFunctions)", "-Xlinker", "--no-warn-symbol-ordering",
        ],
        .when(platforms: [.linux], configuration: .release)
    )
]

/// Release builds give each Swift function of the package a section of its own, which the ordering
/// needs. The static Swift runtime and Foundation bring much of their code in large sections,
/// which lld can only move whole.
let functionSections: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-function-sections"], .when(platforms: [.linux], configuration: .release))
]

let package = Package(
    name: "Commerce",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tenant-svc", targets: ["tenant-svc"]),
        .executable(name: "catalog-svc", targets: ["catalog-svc"]),
        .executable(name: "order-svc", targets: ["order-svc"]),
        .executable(name: "payment-svc", targets: ["payment-svc"]),
        .executable(name: "notify-svc", targets: ["notify-svc"]),
    ],
    targets: [
        systemLibrary("CMicroHTTPD", pkgConfig: "libmicrohttpd", apt: "libmicrohttpd-dev"),
        systemLibrary("CPostgres", pkgConfig: "libpq", apt: "libpq-dev"),
        systemLibrary("CHiredis", pkgConfig: "hiredis", apt: "libhiredis-dev"),
        systemLibrary("COpenSSL", pkgConfig: "openssl", apt: "libssl-dev"),
        systemLibrary("CArgon2", pkgConfig: "libargon2", apt: "libargon2-dev"),
        // Headers only: CCurlShim loads libcurl with dlopen when a service first calls an
        // https:// URL, so the binaries do not link it.
        .systemLibrary(name: "CCurl", path: "Libraries/System/CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "CCurlShim",
            dependencies: ["CCurl"],
            path: "Libraries/System/CCurlShim"
        ),
        .target(name: "CMallocShim", path: "Libraries/System/CMallocShim"),
        // SHA-256 and HMAC on OpenSSL's block functions, and random bytes from the kernel.
        .target(name: "CCryptoShim", dependencies: ["COpenSSL"], path: "Libraries/System/CCryptoShim"),
        .target(
            name: "CResolvShim",
            path: "Libraries/System/CResolvShim",
            linkerSettings: [.linkedLibrary("resolv")]
        ),

        // Common's kernel: domain-free building blocks and ports, Foundation only.
        .target(name: "CommonKernel", path: "Libraries/Common/Kernel", swiftSettings: functionSections),
        // Common's adapters: the C-backed implementations of the kernel's ports.
        .target(
            name: "CommonAdapters",
            dependencies: [
                "CommonKernel", "CMicroHTTPD", "CPostgres", "CHiredis", "COpenSSL", "CArgon2",
                "CCurl", "CCurlShim", "CMallocShim", "CResolvShim", "CCryptoShim",
            ],
            path: "Libraries/Common/Adapters",
            swiftSettings: functionSections
        ),

        .target(
            name: "TenantCore", dependencies: ["CommonKernel"], path: "Services/tenant-svc/Core",
            swiftSettings: functionSections
        ),
        .target(
            name: "TenantAdapters",
            dependencies: ["TenantCore", "CommonKernel", "CommonAdapters"],
            path: "Services/tenant-svc/Adapters",
            swiftSettings: functionSections
        ),
        .executableTarget(
            name: "tenant-svc",
            dependencies: ["TenantAdapters", "TenantCore", "CommonAdapters", "CommonKernel"],
            path: "Services/tenant-svc/Main",
            swiftSettings: functionSections,
            linkerSettings: releaseLinking
        ),
        .target(
            name: "CatalogCore", dependencies: ["CommonKernel"], path: "Services/catalog-svc/Core",
            swiftSettings: functionSections
        ),
        .target(
            name: "CatalogAdapters",
            dependencies: ["CatalogCore", "CommonKernel", "CommonAdapters"],
            path: "Services/catalog-svc/Adapters",
            swiftSettings: functionSections
        ),
        .executableTarget(
            name: "catalog-svc",
            dependencies: ["CatalogAdapters", "CatalogCore", "CommonAdapters", "CommonKernel"],
            path: "Services/catalog-svc/Main",
            swiftSettings: functionSections,
            linkerSettings: releaseLinking
        ),
        .target(
            name: "OrderCore", dependencies: ["CommonKernel"], path: "Services/order-svc/Core",
            swiftSettings: functionSections
        ),
        .target(
            name: "OrderAdapters",
            dependencies: ["OrderCore", "CommonKernel", "CommonAdapters"],
            path: "Services/order-svc/Adapters",
            swiftSettings: functionSections
        ),
        .executableTarget(
            name: "order-svc",
            dependencies: ["OrderAdapters", "OrderCore", "CommonAdapters", "CommonKernel"],
            path: "Services/order-svc/Main",
            swiftSettings: functionSections,
            linkerSettings: releaseLinking
        ),
        .executableTarget(
            name: "payment-svc",
            dependencies: ["CommonAdapters", "CommonKernel"],
            path: "Services/payment-svc/Main",
            swiftSettings: functionSections,
            linkerSettings: releaseLinking
        ),
        .executableTarget(
            name: "notify-svc",
            dependencies: ["CommonAdapters", "CommonKernel"],
            path: "Services/notify-svc/Main",
            swiftSettings: functionSections,
            linkerSettings: releaseLinking
        ),

        .testTarget(name: "CommonKernelTests", dependencies: ["CommonKernel"]),
        .testTarget(
            name: "CommonAdapterTests",
            dependencies: ["CommonAdapters", "CommonKernel", "CMallocShim"]
        ),
        .testTarget(name: "TenantCoreTests", dependencies: ["TenantCore", "CommonKernel"]),
        .testTarget(name: "CatalogCoreTests", dependencies: ["CatalogCore", "CommonKernel"]),
        .testTarget(name: "OrderCoreTests", dependencies: ["OrderCore", "CommonKernel"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "CommonAdapters", "CommonKernel", "TenantAdapters", "TenantCore", "CatalogAdapters", "CatalogCore",
                "OrderAdapters", "OrderCore",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
