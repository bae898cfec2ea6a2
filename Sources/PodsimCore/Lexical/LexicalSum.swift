/// The one order in which a lexical score's products are summed, on every path (the dense
/// gather, the masked and the plain merge): the product of a row's i-th term goes to lane i mod 8,
/// each lane adds its products in row order, and the lanes are added as a fixed tree. Any path,
/// CPU and thread count gives the same bits.
///
/// Why lanes: with one running sum every add waits for the one before (~4 cycles each). An
/// episode's own row — SIMILAR's lexical query — has hundreds of terms, and with character grams
/// (catalogues under 1,000 episodes) well over a thousand: scoring the fusion pool against it in
/// one chain was a third of the server's time for SIMILAR on the seed model. Eight independent
/// sums keep the loads and multiplies of eight terms in flight.
enum LexicalSum {
    /// ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)).
    @inline(__always)
    static func total(_ lanes: SIMD8<Float>) -> Float {
        ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]))
    }
}
