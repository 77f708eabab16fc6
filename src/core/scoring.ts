// Scoring models. Formulas are fixed code chosen by name in the config, never expressions read from the
// workspace: a repository we open cannot make us evaluate anything.
import type { Feature, ScoringModel } from './types';

export const scoringFormulas: Record<ScoringModel, string> = {
  rice: 'reach × impact × confidence ÷ effort',
  ice: 'impact × confidence × ease',
  wsjf: '(business_value + time_criticality + risk_reduction) ÷ job_size',
};

/** The score of a feature under a model, when every input is present and valid; else undefined. */
export function computeScore(
  feature: Pick<Feature, 'rice' | 'ice' | 'wsjf'>,
  model: ScoringModel,
): number | undefined {
  switch (model) {
    case 'rice': {
      const { reach, impact, confidence, effort } = feature.rice ?? {};
      if (reach === undefined || impact === undefined || confidence === undefined || !effort)
        return undefined;
      return (reach * impact * (confidence / 100)) / effort;
    }
    case 'ice': {
      const { impact, confidence, ease } = feature.ice ?? {};
      if (impact === undefined || confidence === undefined || ease === undefined) return undefined;
      return impact * confidence * ease;
    }
    case 'wsjf': {
      const { business_value, time_criticality, risk_reduction, job_size } = feature.wsjf ?? {};
      if (business_value === undefined || time_criticality === undefined || !job_size) return undefined;
      return (business_value + time_criticality + (risk_reduction ?? 0)) / job_size;
    }
  }
}

/** The formula with the feature's numbers filled in, for hovers: "1200 × 2 × 80% ÷ 3 = 640". */
export function explainScore(
  feature: Pick<Feature, 'rice' | 'ice' | 'wsjf'>,
  model: ScoringModel,
): string | undefined {
  const score = computeScore(feature, model);
  if (score === undefined) return undefined;
  switch (model) {
    case 'rice': {
      const rice = feature.rice!;
      return `${rice.reach} × ${rice.impact} × ${rice.confidence}% ÷ ${rice.effort} = ${formatScore(score)}`;
    }
    case 'ice': {
      const ice = feature.ice!;
      return `${ice.impact} × ${ice.confidence} × ${ice.ease} = ${formatScore(score)}`;
    }
    case 'wsjf': {
      const wsjf = feature.wsjf!;
      return `(${wsjf.business_value} + ${wsjf.time_criticality} + ${wsjf.risk_reduction ?? 0}) ÷ ${wsjf.job_size} = ${formatScore(score)}`;
    }
  }
}

/** A score as people write it: whole numbers above 100, two significant decimals below. */
export function formatScore(score: number): string {
  if (Math.abs(score) >= 100) return String(Math.round(score));
  return String(Math.round(score * 100) / 100);
}

/**
 * Whether a stored score is a faithful rounding of the computed one, at the precision it was written with:
 * 213 stands for 213.33 (within 0.5), 6.4 for 6.43 (within 0.05), but 6.1 does not stand for 6.4.
 */
export function storedScoreMatches(stored: number, computed: number): boolean {
  // A whole number (most stored scores) has no decimals: no text to split.
  const decimals = Number.isInteger(stored) ? 0 : Math.min(6, (String(stored).split('.')[1] ?? '').length);
  const tolerance = 0.5 * 10 ** -decimals + 1e-9;
  return Math.abs(stored - computed) <= tolerance;
}
