import { apiFetch } from '../../../lib/api.ts';
import type { Job } from './types.ts';

export interface ConversionJob {
  fileId: string;
  jobId: string;
}

export async function convertToPdf(fileIds: string[]): Promise<ConversionJob[]> {
  const { jobs } = await apiFetch<{ jobs: ConversionJob[] }>('/api/drive/convert', { method: 'POST', body: { fileIds } });
  return jobs;
}

export function getJob(id: string, signal?: AbortSignal): Promise<Job> {
  return apiFetch<Job>(`/api/jobs/${encodeURIComponent(id)}`, { signal });
}
