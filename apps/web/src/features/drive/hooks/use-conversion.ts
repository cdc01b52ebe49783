// Follows Word→PDF conversion jobs until each is done or failed. The server replaces the file
// with the PDF as a new version when its job is done, so the list only needs a refresh.
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../../../lib/notify.ts';
import { convertToPdf, getJob } from '../api/convert.ts';

export interface ConversionEntry {
  fileId: string;
  fileName: string;
  jobId?: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  error?: string;
}

const POLL_MS = 1000;

export function useConversion(onFinished: (entries: ConversionEntry[]) => void) {
  const [entries, setEntries] = useState<ConversionEntry[]>([]);
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;
  const running = entries.some((e) => e.state === 'queued' || e.state === 'running');

  const start = useCallback(async (files: { id: string; name: string }[]) => {
    setEntries(files.map((f) => ({ fileId: f.id, fileName: f.name, state: 'queued', progress: 0 })));
    try {
      const jobs = await convertToPdf(files.map((f) => f.id));
      setEntries((list) =>
        list.map((e) => {
          const job = jobs.find((j) => j.fileId === e.fileId);
          return job ? { ...e, jobId: job.jobId } : { ...e, state: 'failed', error: '未能创建转换任务' };
        }),
      );
    } catch (err) {
      const msg = errorText(err);
      setEntries((list) => list.map((e) => ({ ...e, state: 'failed', error: msg })));
    }
  }, []);

  useEffect(() => {
    const pending = entries.filter((e) => e.jobId && (e.state === 'queued' || e.state === 'running'));
    if (pending.length === 0) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      void Promise.all(
        pending.map(async (e) => {
          try {
            const job = await getJob(e.jobId!, controller.signal);
            return { fileId: e.fileId, state: job.state, progress: job.state === 'done' ? 100 : job.progress, error: job.error?.message };
          } catch (err) {
            if (controller.signal.aborted) return undefined;
            return { fileId: e.fileId, state: 'failed' as const, progress: e.progress, error: errorText(err) };
          }
        }),
      ).then((updates) => {
        if (controller.signal.aborted) return;
        setEntries((list) =>
          list.map((e) => {
            const u = updates.find((x) => x?.fileId === e.fileId);
            return u ? { ...e, ...u } : e;
          }),
        );
      });
    }, POLL_MS);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [entries]);

  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && !running && entries.length > 0) finishedRef.current(entries);
    wasRunning.current = running;
  }, [running, entries]);

  const clear = useCallback(() => setEntries([]), []);
  return { entries, running, start, clear };
}
