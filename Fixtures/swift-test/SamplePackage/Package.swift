// swift-tools-version:6.0
// A small package whose `swift test` output is a fixture of ptupload's swift-test parser.
// Fixtures/swift-test/regenerate.sh builds it and saves its output; it is not part of ptupload.
import PackageDescription

let package = Package(
    name: "SamplePackage",
    targets: [
        .target(name: "Sample"),
        .testTarget(name: "SampleXCTests", dependencies: ["Sample"]),
        .testTarget(name: "SampleSwiftTests", dependencies: ["Sample"]),
    ],
    swiftLanguageModes: [.v6]
)
