/**
 * The compatibility kit: proves that an engine computes the same gradients as an independent
 * double-precision oracle, equation by equation (Eq. 25, BP1–BP4, the SGD step, and chapter 3's
 * regularised gradient, momentum, Adam, RMSProp and dropout mask), on the whole network, when shapes are equal and when one engine is used call after call, and keeps the
 * SPI's contract (determinism, untouched inputs, overwritten outputs, bad arguments refused
 * first, open and close).
 *
 * <p>Public: {@link dev.backprop.tck.EngineCompatibilityKit} (extend it in a JUnit 5 test),
 * {@link dev.backprop.tck.TckMain} (the command line, and {@code runRules}/{@code ruleIds}
 * from code), the results it gives ({@link dev.backprop.tck.RuleResult},
 * {@link dev.backprop.tck.ConformanceFailure}), the oracle ({@link dev.backprop.tck.Oracle},
 * {@link dev.backprop.tck.NetworkOracle}, {@link dev.backprop.tck.OptimizerOracle},
 * {@link dev.backprop.tck.Expected}), which an engine's
 * own tests may use to hold any result to the kit's reference without another engine,
 * {@link dev.backprop.tck.EngineChecks}, the oracle at the shapes such a test chooses,
 * {@link dev.backprop.tck.Tolerance}, the bounds and how much of them engines use, and
 * {@link dev.backprop.tck.RuleIds}, the rules' names. The rules themselves are the kit's own;
 * each test method of the kit says what its rule checks and what to look at when it fails.
 *
 * <h2>What an engine can get wrong between calls or between equal shapes</h2>
 * The equation rules open a fresh engine for each case and pick dimensions that all differ, so
 * they cannot see an engine that keeps state, or that mixes up two things of one shape. These
 * are the ways we found, and the rule that catches each ({@code required_} left out):
 * <ul>
 *   <li>W read for Wᵀ, or Wᵀ for W, when W is square (Eq. 25 with in = out, BP2 with
 *       next = width) — {@code square_equalDimensionsMatchOracle};</li>
 *   <li>BP4 as Aᵀ·Δ (the transpose of ∂C/∂W, same shape when in = out), BP3 summing rows when
 *       the batch equals the width, the bias added per example or softmax taken down a column
 *       when the batch equals the output width — {@code square_equalDimensionsMatchOracle};</li>
 *   <li>another layer's W^{l+1}, z^l or σ′ when two layers have the same shape: a cache, a
 *       transposed copy or scratch looked up by shape — {@code gradient_layersOfEqualWidthMatchOracle};</li>
 *   <li>an SGD step, fused or not, that lands in another layer's W of the same shape or uses its
 *       gradient — {@code gradient_layersOfEqualWidthMatchOracle} (its steps), and
 *       {@code sgd_severalStepsMatchOracle} for updates the next feedforward must read;</li>
 *   <li>scratch, packing or kernel sizes kept from an earlier, larger batch (a loop over the
 *       scratch's rows, not this call's m), or from a smaller one — {@code state_batchSizesGrowAndShrinkOnOneEngine};</li>
 *   <li>write or read at an offset into an array longer than the matrix, as
 *       {@link dev.backprop.Trainer} reads its last, partial mini-batch — {@code state_batchSizesGrowAndShrinkOnOneEngine};</li>
 *   <li>a copy of an input (packed, transposed, on a device) kept per matrix and not renewed by
 *       {@code write}; a result remembered from the last call with the same arguments; an
 *       accumulator kept per output matrix — {@code state_rewrittenMatricesGiveNewResults};</li>
 *   <li>state tied to call order or to "the network of the last feedforward" (σ′ replayed from a
 *       tape, the weights of the last pass) — {@code state_twoSessionsInterleavedOnOneEngine};</li>
 *   <li>results that depend on what an output held, or on an earlier call's timing —
 *       {@code outputs_fullyOverwritten}, {@code determinism_sameInputsSameBits} (these were
 *       there before);</li>
 *   <li>the fused step given W again as ∂C/∂W, Δ or A — refused, as
 *       {@link dev.backprop.spi.Checks#weightGradientAndUpdate} requires; the update of a matrix
 *       passed as both parameter and gradient, {@code update(p, p)}, which an update in two passes
 *       gets wrong — {@code badArguments_sameMatrixTwiceRefusedOrComputed};</li>
 *   <li>an engine left unusable or wrong by a refused call (a busy flag, a half-built cache) —
 *       {@code badArguments_sameMatrixTwiceRefusedOrComputed} computes after its refusals, and
 *       the refusals of {@code badArguments_shapeMismatchRefusedFirst} follow one another on one
 *       engine;</li>
 *   <li>an optimiser's state (velocity, Adam's moments, RMSProp's mean square) not written back
 *       into the matrices passed, reset between mini-batches, or cached by shape so that two
 *       layers of one shape share it; the dropout mask applied to δ^l but not to a^l (or the
 *       reverse) — {@code optimizer_severalStepsCarryTheirState} and
 *       {@code dropout_wholeGradientMatchesOracle};</li>
 *   <li>scratch or a pool shared between instances: used at once —
 *       {@code threads_twoInstancesAtOnceGiveSameBits}; released by one instance's
 *       {@code close()} — {@code lifecycle_closingOneInstanceLeavesOthersWorking}; not released
 *       at all — {@code lifecycle_openAndCloseManyTimes}.</li>
 * </ul>
 * Not covered: outputs that alias each other or an input in the other operations
 * ({@code feedforward} with z = aOut, BP2 with delta = z): the SPI does not say what they mean,
 * and the reference engine does not refuse them. The kit's own tests plant one bug for each rule
 * above in a copy of the reference engine and check that it passes every rule the kit had before
 * these were added, and fails the new one.
 *
 * <p>Not here: speed. The oracle is written per example like network.py and shares no code with
 * any engine, so a bug in a batched engine is not reproduced by its judge.
 */
package dev.backprop.tck;
