/** The shop's products. Prices are integer minor units (cents), never floating point. */
export interface Product {
  sku: string;
  name: string;
  description: string;
  price: number;
}

export const CURRENCY = 'USD';

export const PRODUCTS: readonly Product[] = [
  { sku: 'bike-city', name: 'City bike', description: 'Seven gears, dynamo lights, a rack.', price: 54_900 },
  { sku: 'helmet', name: 'Helmet', description: 'MIPS, with a rear light.', price: 8_900 },
  { sku: 'lock', name: 'D-lock', description: 'Hardened steel, two keys.', price: 4_500 },
  { sku: 'panniers', name: 'Panniers', description: 'A waterproof pair, 40 litres.', price: 12_000 },
];

export function findProduct(sku: string): Product | undefined {
  return PRODUCTS.find((p) => p.sku === sku);
}
