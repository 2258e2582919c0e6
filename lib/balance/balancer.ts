/**
 * A gradient balancer watches each training step's forward output and
 * returns one factor per model group (branch / view); the trainer multiplies
 * that group's gradients by it before the optimiser step — the mechanism of
 * OGM-GE and of BMLHF's MIB (Eq. 5). Balancers see numbers, not tensors, so
 * they stay easy to test on hand-computed values.
 */
export interface BalanceInput {
  /** per group: Σ over the batch of softmax(branch logits)[y_i]  (BMLHF Eq. 2 summed; OGM-GE's s_m) */
  scoreSums: Record<string, number>;
  batchSize: number;
  epoch: number;
  step: number;
}

export interface BalanceOutput {
  /** gradient factor per group; groups not named keep factor 1 */
  scale: Record<string, number>;
  /** numbers to record for this step (e.g. rho_textPattern, k_textPattern) */
  record?: Record<string, number>;
}

export interface GradientBalancer {
  readonly name: string;
  modulate(input: BalanceInput): BalanceOutput;
  config?: Record<string, unknown>;
}
