/**
 * Baselines of BMLHF Table 1 (Section 4.3.1) that the workbench does not
 * reproduce, with the reason; result tables print the reason next to the
 * paper's reported numbers instead of a measured row.
 */
export interface NotReproduced {
  /** the paper that introduced it, as BMLHF cites it */
  cite: string;
  reason: string;
}

export const NOT_REPRODUCED: Readonly<Record<string, NotReproduced>> = {
  LogicDM: {
    cite: 'Liu et al., ACL 2023 (BMLHF ref. [22])',
    reason:
      'neural-symbolic: learns logic clauses over predicates built from token-level BERT and patch-level ResNet features with a GNN over cross-modal token graphs; our inputs are pooled feature views [N, d] with no tokens to ground predicates on',
  },
  QMFND: {
    cite: 'Qu et al., 2024 (BMLHF ref. [46])',
    reason:
      'passes the fused features through a quantum convolutional neural network (parameterised quantum circuit); that needs a quantum circuit simulator, which TensorFlow.js does not have',
  },
  MTTV: {
    cite: 'Wang et al., 2023 (BMLHF ref. [52])',
    reason:
      'needs two-level ViT visual features (patch and global tokens) and fine-grained (multi-class) labels for its scalable classifier; our views are pooled vectors and our labels binary',
  },
};
