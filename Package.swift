// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ptupload",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ptupload", targets: ["ptupload"])
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "TestReports", dependencies: ["CLibXML2"]),
        .target(name: "PractiTest", dependencies: ["TestReports"]),
        .executableTarget(name: "ptupload", dependencies: ["TestReports", "PractiTest"]),
        .testTarget(name: "TestReportsTests", dependencies: ["TestReports"]),
        .testTarget(name: "PractiTestTests", dependencies: ["PractiTest"]),
        .testTarget(name: "ptuploadTests", dependencies: ["ptupload", "FakePractiTest", "TestReports"]),
        .target(name: "FakePractiTest", path: "Tests/FakePractiTest"),
        .executableTarget(
            name: "fake-practitest", dependencies: ["FakePractiTest"], path: "Benchmarks/FakePractiTestServer"),
        .testTarget(name: "FakePractiTestTests", dependencies: ["FakePractiTest"]),
    ],
    swiftLanguageModes: [.v6]
)
