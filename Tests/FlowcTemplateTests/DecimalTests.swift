// Python's decimal.Decimal, as numeric values from a warehouse reach templates: every
// expectation is what dbt 1.11.16 (Python 3.11's decimal module) printed for the same
// expressions over the same values read from PostgreSQL.
import Testing
@testable import FlowcTemplate

@Suite struct DecimalTests {
    func render(_ text: String) throws -> String {
        let values = ["a": "12.50", "b": "1.000", "c": "3", "d": "0.0000001", "e": "-7.5", "av": "2.3333333333333333", "s": "7"]
        var context: [String: Value] = ["i": .int(100)]
        for (k, v) in values { context[k] = .decimal(try #require(PyDecimal(v))) }
        return try Environment().render(text, context)
    }

    @Test func arithmeticKeepsPythonsScaleAndPrecision() throws {
        #expect(try render("{{ [a / 2, a / 3, b / 4, c / 3, a // 3, e // 2, e % 2, a % 3, 1 / c, i / c, a * b, a + i, a - 20, -a, a ** 2] | join(' ') }}")
                == "6.25 4.166666666666666666666666667 0.250 1 4 -3 -1.5 0.50 0.3333333333333333333333333333 "
                + "33.33333333333333333333333333 12.50000 112.50 -7.50 -12.50 156.2500")
        #expect(try render("{{ [c / 7 * 7, (1 / c) * 3, b - b, (0 - b), d, d * 10, av * 2, s / 2] | join(' ') }}")
                == "3.000000000000000000000000000 0.9999999999999999999999999999 0.000 -1.000 1E-7 0.0000010 4.6666666666666666 3.5")
    }

    @Test func comparisonsFiltersAndPrinting() throws {
        #expect(try render("{{ [a > 12, a == 12.5, a < 13, a == b, c == 3, b == 1, a in [12.5], [a, b, c] | max, [a, b, c] | min, [a, b, c] | sort | join(','), [a, b, c] | sum] | join(' ') }}")
                == "True True True False True True True 12.50 1.000 1.000,3,12.50 16.500")
        #expect(try render("{{ [a | int, a | float, e | abs, a | round(1), a | round, e | round, a | string, av | round(2), a | round(3), av is number, a ~ 'x', '%s' % a] | join(' ') }}")
                == "12 12.5 7.5 12.5 12 -8 12.50 2.33 12.500 True 12.50x 12.50")
        #expect(try render("{{ [a, 7] }}") == "[Decimal('12.50'), 7]")
    }

    /// str.format specs on a Decimal (Python 3.11 printed these): `f` and `%` round the exact
    /// value half to even, or keep its digits without a precision; grouping, width and sign.
    @Test func formatSpecsRoundTheExactValue() throws {
        let values = ["2.50", "1234.50", "2.675", "-1.5", "1234567.891", "0.125", "2.5", "-0.001", "1E-7", "2.50", "0.5", "-3.14159", "2.25"]
        let specs = ["{:.1f}", "{:,}", "{:.2f}", "{:>10.3f}", "{:,.2f}", "{:.1%}", "{:.0f}", "{:.2f}", "{:f}", "{:f}", "{:%}", "{:010.2f}", "{:+.1f}"]
        var got: [String] = []
        for (v, spec) in zip(values, specs) {
            got.append(try Environment().render("{{ '\(spec)'.format(x) }}", ["x": .decimal(try #require(PyDecimal(v)))]))
        }
        #expect(got == ["2.5", "1,234.50", "2.68", "    -1.500", "1,234,567.89", "12.5%", "2", "-0.00", "0.0000001", "2.50",
                        "50%", "-000003.14", "+2.2"])
    }

    @Test func floatsDoNotMixAndZeroDividesNot() throws {
        #expect(throws: TemplateError.self) { try render("{{ a + 0.5 }}") }
        #expect(throws: TemplateError.self) { try render("{{ a / 0 }}") }
        #expect(PyDecimal("NaN") == nil)
        // Python refuses a result of more than 28 digits
        #expect(throws: TemplateError.self) { try render("{{ a | round(40) }}") }
        #expect(try render("{{ [e < 0, 0 > e, e < a, (a - a) > e, [a, e, b] | sort | join(' ')] | join(' ') }}") == "True True True True -7.5 1.000 12.50")
        #expect(PyDecimal("1e+20")?.description == "1E+20")
    }
}
