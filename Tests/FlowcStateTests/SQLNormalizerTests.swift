// What normalisation keeps and drops: reformatting compares equal, changed meaning does not.
import FlowcState
import Testing

@Suite struct SQLNormalizerTests {
    let n = SQLNormalizer.normalize

    @Test func reformattingComparesEqual() {
        let a = "select id, amount from {{ ref('orders') }} where amount > 0"
        let b = """
            -- orders with money
            SELECT
                id,
                amount   /* in cents */
            FROM {{ref('orders')}}
            {# a jinja comment #}
            WHERE amount>0
            """
        #expect(n(a) == n(b))
        #expect(n(a) == "select id,amount from{{ref('orders')}}where amount>0")
    }

    @Test func meaningChangesCompareDifferent() {
        #expect(n("select a from t") != n("select b from t"))
        #expect(n("select 'Abc' from t") != n("select 'abc' from t"))
        #expect(n("select \"Col\" from t") != n("select \"col\" from t"))
        #expect(n("select a b from t") != n("select ab from t"))
        #expect(n("{{ Foo }}") != n("{{ foo }}"))
        // comment markers inside literals are text, not comments
        #expect(n("select '-- not a comment' as x") == "select '-- not a comment' as x")
        #expect(n("select '/* x */' as y") != n("select '' as y"))
    }

    @Test func unterminatedInputNeverCrashes() {
        for text in ["select '", "/* open", "{# open", "{{ x", "\"", "[", "select -", "-", "{", "'it''s'"] {
            _ = n(text)
        }
        #expect(n("'it''s'  ") == "'it''s'")
    }
}
