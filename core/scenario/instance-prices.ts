/**
 * Default prices of common instance types, for a mixed instances policy's overrides that give
 * none: the On-Demand Linux price in US East (N. Virginia), us-east-1, in $ per hour, as AWS
 * lists it; and a Spot price that is a fixed fraction of it. Spot prices move with supply and
 * demand and AWS publishes no fixed figure, so SPOT_PRICE_FRACTION is an elbsim parameter
 * (docs/fidelity.md): AWS advertises Spot "at up to a 90 % discount"; a third of the On-Demand
 * price is a typical figure for these types. A file may give both prices per type instead.
 */

/** On-Demand $/hour, Linux, us-east-1. */
export const ON_DEMAND_PRICES: Readonly<Record<string, number>> = {
  't3.micro': 0.0104,
  't3.small': 0.0208,
  't3.medium': 0.0416,
  't3.large': 0.0832,
  't3.xlarge': 0.1664,
  'm5.large': 0.096,
  'm5.xlarge': 0.192,
  'm5.2xlarge': 0.384,
  'm6i.large': 0.096,
  'm6i.xlarge': 0.192,
  'm6i.2xlarge': 0.384,
  'c5.large': 0.085,
  'c5.xlarge': 0.17,
  'c5.2xlarge': 0.34,
  'c6i.large': 0.085,
  'c6i.xlarge': 0.17,
  'c6i.2xlarge': 0.34,
  'r5.large': 0.126,
  'r5.xlarge': 0.252,
  'r6i.large': 0.126,
  'r6i.xlarge': 0.252,
};

/** A type's default Spot price as a fraction of its On-Demand price [elbsim parameter]. */
export const SPOT_PRICE_FRACTION = 0.3;
