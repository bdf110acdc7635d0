import CommonKernel
import Foundation
import XCTest

final class Base64URLTests: XCTestCase {
    /// Foundation's standard base64 with the URL alphabet and no padding, as a reference.
    private func reference(_ bytes: [UInt8]) -> String {
        String(
            Data(bytes).base64EncodedString().compactMap { character -> Character? in
                switch character {
                case "+": "-"
                case "/": "_"
                case "=": nil
                default: character
                }
            })
    }

    func testEncodesLikeTheReferenceForEveryLength() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...64 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Base64URL.encode(bytes)
            XCTAssertEqual(text, reference(bytes), "length \(length)")
            XCTAssertEqual(Base64URL.decode(text), bytes, "length \(length)")
        }
    }

    func testKnownVectors() {
        XCTAssertEqual(Base64URL.encode(Array("f".utf8)), "Zg")
        XCTAssertEqual(Base64URL.encode(Array("fo".utf8)), "Zm8")
        XCTAssertEqual(Base64URL.encode(Array("foo".utf8)), "Zm9v")
        XCTAssertEqual(Base64URL.encode([0xFB, 0xFF]), "-_8")
        XCTAssertEqual(Base64URL.decode("-_8"), [0xFB, 0xFF])
    }

    func testRejectsTextOutsideTheAlphabet() {
        XCTAssertNil(Base64URL.decode("Zm9v="), "padding")
        XCTAssertNil(Base64URL.decode("+/8"), "standard alphabet")
        XCTAssertNil(Base64URL.decode("Zm 9"), "space")
    }

    func testRejectsImpossibleLengthsAndStrayBits() {
        XCTAssertNil(Base64URL.decode("Z"), "one character carries no whole byte")
        XCTAssertNil(Base64URL.decode("Zh"), "low bits of the last character must be zero")
        XCTAssertEqual(Base64URL.decode("Zg"), Array("f".utf8))
        XCTAssertEqual(Base64URL.decode(""), [])
    }
}
