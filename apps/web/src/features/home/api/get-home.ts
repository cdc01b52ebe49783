import { apiFetch } from '../../../lib/api.ts';

// Mirrors GET /api/home (notes/api-contract.md); switch to @hall/shared/schemas when it lands.
export interface HomeProfile {
  unitName: string;
  creditCode: string;
  legalRepresentative: string;
  phone: string;
}

export interface HomeStats {
  submitted: number;
  finished: number;
  materialsComplete: number;
  materialsCorrection: number;
}

export interface InProgressItem {
  id: string;
  /** 申报流水号, yyyyMMdd + 4-digit daily sequence */
  serialNo: string;
  projectCode: string;
  projectName: string;
  stageName: string;
  matterName: string;
  /** the state as the hall words it: 已申报, 已受理, 待补全 … */
  status: string;
}

export interface HomeData {
  profile: HomeProfile;
  stats: HomeStats;
  inProgress: { items: InProgressItem[]; total: number };
}

export function getHome(page: number, pageSize: number, signal?: AbortSignal): Promise<HomeData> {
  return apiFetch<HomeData>('/api/home', { query: { page, pageSize }, signal });
}
