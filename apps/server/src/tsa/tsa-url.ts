// Where the signing flow gets its timestamps: TSA_URL, else the hall's own development TSA
// when it has a certificate, else none (signatures stay PAdES B-B).
import type { Config } from '../config.ts';
import { loadTsaMaterial } from './tsa-material.ts';

export function tsaUrlFor(config: Pick<Config, 'tsaUrl' | 'publicOrigin' | 'tsaCertPath' | 'tsaKeyPath' | 'demoDir'>): string | undefined {
  if (config.tsaUrl) return config.tsaUrl;
  return loadTsaMaterial(config) ? `${config.publicOrigin}/api/tsa` : undefined;
}
