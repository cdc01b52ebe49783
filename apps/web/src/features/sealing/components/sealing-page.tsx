// 在线盖章 (the manual, chapter 2): 点击右上角电子签章 → 输入 pin 码 → 可点击查看选择对应印章 →
// 拖动到对应位置 → 点击确定即可完成盖章. Modes: 单页盖章, 多页盖章 (一次连续多页盖章), 骑缝章,
// 添加文字. Everything placed is applied by one 确定 as ONE signature, with the PIN entered once.
// 签名 (扫码签名) adds a person's handwritten signature, dragged like a seal and applied after the
// unit's seals as the person's own signature. An invited unit (发起盖章、签名) seals here too.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Empty, Input, InputNumber, List, Radio, Result, Segmented, Select, Space, Spin, Steps, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, MinusOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useSession } from '../../../lib/session.tsx';
import { isApiError } from '../../../lib/api.ts';
import { errorText } from '../../../lib/notify.ts';
import { SIGNATURE_WIDTH_MM } from '@hall/shared/schemas/invitations';
import { applySignature } from '../api/person-signing.ts';
import { PhoneSignatureModal, type PhoneSignature } from './phone-signature-modal.tsx';
import { describeDraft, newDraftId, signaturePlacement, splitDrafts, type Draft, type SealChoice } from '../lib/drafts.ts';
import { chineseDate, parsePages, pointsToPx } from '../lib/geometry.ts';
import { imageAspect } from '../lib/image-aspect.ts';
import { sealFile, type OpenKey, type SealStep } from '../lib/seal-file.ts';
import { driveFile, type SealingTarget } from '../lib/sealing-target.ts';
import { usePdf } from '../hooks/use-pdf.ts';
import { pinErrorText, useSealFlow } from '../hooks/use-seal-flow.ts';
import { AgentMissingDialog, PinDialog, SealPicker } from './key-dialogs.tsx';
import { DocumentView, type DocumentViewHandle } from './document-view.tsx';
import { SealLibraryDrawer } from './seal-library-drawer.tsx';
import '../sealing.css';

export type Mode = 'single' | 'multi' | 'cross' | 'text';
const MODES: { value: Mode; label: string }[] = [
  { value: 'single', label: '单页盖章' },
  { value: 'multi', label: '多页盖章' },
  { value: 'cross', label: '骑缝章' },
  { value: 'text', label: '添加文字' },
];
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2];
const FONT_SIZES = [10, 12, 14, 16, 18, 22, 26, 32];
const STEPS: SealStep[] = ['prepare', 'sign', 'finish', 'person'];
/** how often an invited unit's seal is prepared again on a version another party just made */
const RESEAL_ROUNDS = 3;

interface FileInfo {
  name: string;
  version: number;
}

interface BatchResult {
  fileId: string;
  name: string;
  ok: boolean;
  text: string;
}

/** 在线盖章 of one file (from 我的云盘's 盖章). */
export function SealingPage() {
  const { fileId = '' } = useParams();
  const targets = useMemo(() => [driveFile(fileId)], [fileId]);
  return <SealingWorkspace key={fileId} targets={targets} ownFileId={fileId} />;
}

/** 批量盖章: /seal/batch?files=id,id,… — the same seals and places on every file, PIN once. */
export function BatchSealingPage() {
  const [params] = useSearchParams();
  const files = params.get('files') ?? '';
  const targets = useMemo(() => files.split(',').filter(Boolean).map(driveFile), [files]);
  if (!targets.length) return <Result status="warning" title="请先在我的云盘中选择要盖章的 PDF 文件" />;
  return <SealingWorkspace key={files} targets={targets} />;
}

/** An invited unit on the initiator's file: who asked, and the page to go back to. */
export interface InvitedSealing {
  initiator: string;
  projectName: string;
  back: string;
}

interface WorkspaceProps {
  targets: SealingTarget[];
  /** the unit's own single file: 签名, 发起盖章、签名 and 查看签章验证 */
  ownFileId?: string;
  invitation?: InvitedSealing;
}

export function SealingWorkspace({ targets, ownFileId, invitation }: WorkspaceProps) {
  const target = targets[0]!;
  const batch = targets.length > 1;
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const { me } = useSession();
  const [file, setFile] = useState<FileInfo>();
  const [loadError, setLoadError] = useState<string>();
  const [reloadTick, setReloadTick] = useState(0);
  const { pdf, error: pdfError } = usePdf(file ? target.contentUrl(file.version) : undefined);

  const [mode, setMode] = useState<Mode>('single');
  const [zoom, setZoom] = useState(1);
  const [currentPage, setCurrentPage] = useState(1);
  const [jump, setJump] = useState<number | null>(1);
  const [multiAll, setMultiAll] = useState(true);
  const [multiRange, setMultiRange] = useState('1-3');
  const [crossRange, setCrossRange] = useState('');
  const [text, setText] = useState(() => chineseDate(new Date()));
  const [fontSize, setFontSize] = useState(14);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [selected, setSelected] = useState<string>();
  const [step, setStep] = useState<SealStep>();
  const [runError, setRunError] = useState<string>();
  const [done, setDone] = useState<{ version: number; signed: number }>();
  const [phoneOpen, setPhoneOpen] = useState(false);
  const [batchAt, setBatchAt] = useState<number>();
  const [batchResults, setBatchResults] = useState<BatchResult[]>();
  const [libraryOpen, setLibraryOpen] = useState(false);
  const view = useRef<DocumentViewHandle>(null);

  useEffect(() => {
    const controller = new AbortController();
    target.current(controller.signal).then(setFile, (err: unknown) => {
      if (!controller.signal.aborted) setLoadError(errorText(err));
    });
    return () => controller.abort();
  }, [target, reloadTick]);

  const pageCount = pdf?.sizes.length ?? 0;
  // open at true size (100 %) when the widest page fits, else at the largest zoom that fits
  useEffect(() => {
    if (!pdf) return;
    const available = view.current?.availableWidth() ?? 0;
    const widest = Math.max(...pdf.sizes.map((s) => s.width));
    if (available > 0) setZoom([...ZOOMS].reverse().find((z) => z <= 1 && pointsToPx(widest, z) <= available) ?? ZOOMS[0]!);
  }, [pdf]);
  useEffect(() => {
    if (pageCount) setCrossRange((r) => r || `1-${pageCount}`);
  }, [pageCount]);

  const flow = useSealFlow(me?.enterprise.creditCode, (err) => setRunError(errorText(err)));

  const pagesFor = (m: Mode): number[] | null => {
    if (m === 'single' || m === 'text') return [currentPage];
    if (m === 'multi') return multiAll ? Array.from({ length: pageCount }, (_, i) => i + 1) : parsePages(multiRange, pageCount);
    return parsePages(crossRange, pageCount);
  };

  const addSeal = (seal: SealChoice) => {
    if (!pdf) return;
    const pages = pagesFor(mode === 'text' ? 'single' : mode);
    if (!pages) {
      setRunError(`页码不正确，请填写 1 至 ${pageCount} 之间的页码，例如 1-3 或 1,3,5`);
      return;
    }
    const size = pdf.sizes[pages[0]! - 1]!;
    const id = newDraftId();
    const draft: Draft =
      mode === 'cross'
        ? { id, kind: 'cross-page', seal, pages, y: size.height / 2 }
        : { id, kind: 'seal', seal, pages, x: size.width / 2, y: size.height / 2 };
    setDrafts((d) => [...d, draft]);
    setSelected(id);
    setRunError(undefined);
  };

  /** The phone's signature lands mid-page on the current page, to be dragged into place. */
  const addSignature = async (signature: PhoneSignature) => {
    setPhoneOpen(false);
    if (!pdf) return;
    const size = pdf.sizes[currentPage - 1]!;
    const seal: SealChoice = {
      key: `phone:${signature.sessionId}`,
      name: signature.personName,
      src: signature.src,
      widthMm: SIGNATURE_WIDTH_MM,
      aspect: await imageAspect(signature.src),
      origin: 'phone',
      sessionId: signature.sessionId,
    };
    const id = newDraftId();
    setDrafts((d) => [...d, { id, kind: 'seal', seal, pages: [currentPage], x: size.width / 2, y: size.height / 2 }]);
    setSelected(id);
    setRunError(undefined);
  };

  const addText = () => {
    if (!pdf || !text.trim()) return;
    const size = pdf.sizes[currentPage - 1]!;
    const id = newDraftId();
    setDrafts((d) => [...d, { id, kind: 'text', page: currentPage, x: size.width * 0.6, y: size.height * 0.8, text: text.trim(), fontSize }]);
    setSelected(id);
  };

  const move = useCallback((id: string, x: number, y: number) => {
    setDrafts((ds) => ds.map((d) => (d.id !== id ? d : d.kind === 'cross-page' ? { ...d, y } : { ...d, x, y })));
  }, []);
  const remove = useCallback((id: string) => setDrafts((ds) => ds.filter((d) => d.id !== id)), []);

  /** The unit's seals with its key; an invited unit's are prepared again on a version that moved. */
  const sealOnce = async (key: OpenKey, seals: Draft[]): Promise<number> => {
    let version = file!.version;
    for (let round = 1; ; round++) {
      try {
        return (await sealFile(key, target, version, seals, setStep)).version;
      } catch (err) {
        if (!(target.resealOnChange && isApiError(err) && err.code === 'PDF_CHANGED' && round < RESEAL_ROUNDS)) throw err;
        version = (await target.current()).version;
      }
    }
  };

  /** 确定: the seals as one signature of the unit (if any), then each person's signature on top. */
  const run = async (key: OpenKey | undefined) => {
    if (!file) return;
    setRunError(undefined);
    const { seals, signatures } = splitDrafts(drafts);
    try {
      let version = key && seals.length ? await sealOnce(key, seals) : file.version;
      for (const s of signatures) {
        setStep('person');
        version = (await applySignature(s.seal.sessionId, { fileId: target.id, ...signaturePlacement(s) })).version;
      }
      setDone({ version, signed: signatures.length });
    } catch (err) {
      const pinText = pinErrorText(err);
      if (pinText) {
        void flow.askPinAgain(pinText, { then: (k) => void run(k) });
      } else if (isApiError(err) && err.code === 'PDF_CHANGED') {
        modal.confirm({
          title: '文件已被修改',
          content: '在您盖章期间，文件已被他人修改（例如已盖章）。请重新加载最新版本后再盖章，已放置的印章会保留。',
          okText: '重新加载',
          cancelText: '取消',
          onOk: () => setReloadTick((t) => t + 1),
        });
      } else flow.fail(err);
    } finally {
      setStep(undefined);
    }
  };

  /** Each file in turn with the PIN held in memory; a wrong or locked PIN stops the batch. */
  const runBatch = async (key: OpenKey) => {
    const results: BatchResult[] = [];
    let stopped: string | undefined;
    for (const [i, t] of targets.entries()) {
      setBatchAt(i);
      let name = t.id;
      if (stopped) {
        results.push({ fileId: t.id, name, ok: false, text: `未盖章：${stopped}` });
        continue;
      }
      try {
        const current = await t.current();
        name = current.name;
        const r = await sealFile(key, t, current.version, drafts, setStep);
        results.push({ fileId: t.id, name, ok: true, text: `盖章成功，已保存为第 ${r.version} 版` });
      } catch (err) {
        const text = pinErrorText(err) ?? errorText(err);
        if (pinErrorText(err) || (err instanceof Error && err.name === 'AgentNotRunningError')) stopped = text;
        results.push({ fileId: t.id, name, ok: false, text });
      }
    }
    setStep(undefined);
    setBatchAt(undefined);
    setBatchResults(results);
  };

  const confirm = () => {
    if (!drafts.length) {
      setRunError('请先点击右上角「电子签章」选择印章，或添加文字');
      return;
    }
    // only persons' signatures: the hall signs them with their certificates, no CA 锁 needed
    if (!splitDrafts(drafts).seals.length) void run(undefined);
    else void flow.start({ then: (key) => void (batch ? runBatch(key) : run(key)) });
  };

  const back = invitation ? { to: invitation.back, label: '返回' } : { to: '/space/drive', label: '返回我的云盘' };
  if (loadError) return <Result status="error" title="无法打开文件" subTitle={loadError} extra={<Button onClick={() => navigate(back.to)}>{back.label}</Button>} />;
  if (batchResults) {
    const okCount = batchResults.filter((r) => r.ok).length;
    return (
      <Card title="批量盖章结果" data-testid="seal-batch-done">
        <Alert type={okCount === batchResults.length ? 'success' : 'warning'} showIcon message={`共 ${batchResults.length} 个文件，盖章成功 ${okCount} 个`} style={{ marginBottom: 12 }} />
        <Table
          rowKey="fileId"
          pagination={false}
          dataSource={batchResults}
          columns={[
            { title: '文件', dataIndex: 'name' },
            { title: '结果', key: 'ok', width: 100, render: (_, r) => <Tag color={r.ok ? 'green' : 'red'}>{r.ok ? '成功' : '失败'}</Tag> },
            { title: '说明', dataIndex: 'text' },
          ]}
        />
        <Button type="primary" style={{ marginTop: 12 }} onClick={() => navigate('/space/drive')}>
          返回我的云盘
        </Button>
      </Card>
    );
  }
  if (done && invitation) {
    return <Result status="success" title="盖章成功" subTitle={`已完成「${invitation.projectName}」的在线盖章，发起单位（${invitation.initiator}）可看到盖章后的文件。可以关闭本页面。`} data-testid="seal-done" />;
  }
  if (done) {
    const sealedOnly = done.signed === 0;
    return (
      <Result
        status="success"
        title={sealedOnly ? '盖章成功' : splitDrafts(drafts).seals.length ? '盖章、签名成功' : '签名成功'}
        subTitle={`「${file?.name ?? ''}」已保存为第 ${done.version} 版，原文件作为历史版本保留。`}
        extra={[
          <Button type="primary" key="drive" onClick={() => navigate('/space/drive')}>
            返回我的云盘
          </Button>,
          <Button key="verify" icon={<SafetyCertificateOutlined />} onClick={() => navigate(`/verify?fileId=${encodeURIComponent(target.id)}`)}>
            查看签章验证
          </Button>,
          <Button
            key="again"
            onClick={() => {
              setDone(undefined);
              setDrafts([]);
              setReloadTick((t) => t + 1);
            }}
          >
            继续盖章
          </Button>,
        ]}
        data-testid="seal-done"
      />
    );
  }

  const busy = step !== undefined;
  return (
    <Card
      className="hall-sealing"
      title={
        <Space size={12} wrap>
          {batch && <Tag color="blue">批量盖章：共 {targets.length} 个文件，按本文件放置</Tag>}
          {invitation && <Tag color="orange">{invitation.initiator} 邀请盖章 · {invitation.projectName}</Tag>}
          <Typography.Text strong>{file?.name ?? '加载中…'}</Typography.Text>
          {file && <Typography.Text type="secondary">第 {file.version} 版</Typography.Text>}
          <Segmented<Mode> options={MODES} value={mode} onChange={setMode} data-testid="seal-mode" />
        </Space>
      }
      extra={
        <Space>
          {ownFileId && (
            <>
              {/* 系统在线签名: the QR dialog, then the signature is dragged here like a seal */}
              <Button disabled={!pdf || busy} onClick={() => setPhoneOpen(true)} data-testid="seal-phone-sign">
                签名
              </Button>
              <Button disabled={busy} onClick={() => void navigate(`/space/sign-requests?fileId=${encodeURIComponent(ownFileId)}&new=1`)} data-testid="seal-invite">
                发起盖章、签名
              </Button>
            </>
          )}
          {invitation && <Button onClick={() => navigate(invitation.back)}>返回</Button>}
          <Button type="primary" danger icon={<SafetyCertificateOutlined />} disabled={!pdf || busy} onClick={() => void flow.start({ pick: addSeal })} data-testid="seal-electronic">
            电子签章
          </Button>
          <Button type="primary" disabled={!pdf || busy} loading={busy} onClick={confirm} data-testid="seal-confirm">
            确定
          </Button>
        </Space>
      }
    >
      <div className="hall-seal-toolbar">
        <Space size={4}>
          <Button size="small" icon={<MinusOutlined />} aria-label="缩小" onClick={() => setZoom((z) => ZOOMS[Math.max(0, ZOOMS.indexOf(z) - 1)] ?? z)} />
          <Select size="small" value={zoom} onChange={setZoom} options={ZOOMS.map((z) => ({ value: z, label: `${Math.round(z * 100)}%` }))} style={{ width: 84 }} data-testid="seal-zoom" />
          <Button size="small" icon={<PlusOutlined />} aria-label="放大" onClick={() => setZoom((z) => ZOOMS[Math.min(ZOOMS.length - 1, ZOOMS.indexOf(z) + 1)] ?? z)} />
        </Space>
        <Space size={4}>
          第
          <InputNumber size="small" min={1} max={pageCount || 1} value={jump} onChange={setJump} style={{ width: 64 }} />/ {pageCount} 页
          <Button size="small" onClick={() => jump && view.current?.scrollToPage(jump)}>
            跳转
          </Button>
        </Space>
        {mode === 'single' && <Typography.Text type="secondary">印章盖在当前页（第 {currentPage} 页），拖动到对应位置</Typography.Text>}
        {mode === 'multi' && (
          <Space size={4}>
            <Radio.Group size="small" value={multiAll} onChange={(e) => setMultiAll(e.target.value as boolean)}>
              <Radio value={true}>全部页</Radio>
              <Radio value={false}>页码范围</Radio>
            </Radio.Group>
            {!multiAll && <Input size="small" value={multiRange} onChange={(e) => setMultiRange(e.target.value)} style={{ width: 120 }} placeholder="如 1-3" data-testid="seal-multi-range" />}
            <Typography.Text type="secondary">每页同一位置</Typography.Text>
          </Space>
        )}
        {mode === 'cross' && (
          <Space size={4}>
            骑缝页码
            <Input size="small" value={crossRange} onChange={(e) => setCrossRange(e.target.value)} style={{ width: 120 }} data-testid="seal-cross-range" />
            <Typography.Text type="secondary">印章等分在各页右侧边缘，上下拖动调整高度</Typography.Text>
          </Space>
        )}
        {mode === 'text' && (
          <Space size={4}>
            <Input size="small" value={text} onChange={(e) => setText(e.target.value)} style={{ width: 200 }} maxLength={200} data-testid="seal-text" />
            <Select size="small" value={fontSize} onChange={setFontSize} options={FONT_SIZES.map((s) => ({ value: s, label: `${s} 磅` }))} style={{ width: 84 }} />
            <Button size="small" onClick={addText} disabled={!pdf} data-testid="seal-add-text">
              添加文字
            </Button>
          </Space>
        )}
      </div>
      {runError && <Alert type="error" showIcon message={runError} closable onClose={() => setRunError(undefined)} className="hall-seal-alert" data-testid="seal-error" />}
      {busy && (
        <Steps
          size="small"
          className="hall-seal-steps"
          current={STEPS.indexOf(step)}
          items={[
            { title: batchAt !== undefined ? `第 ${batchAt + 1}/${targets.length} 个文件：生成盖章文件` : '生成盖章文件' },
            { title: 'CA 锁签名' },
            { title: '保存新版本' },
            ...(splitDrafts(drafts).signatures.length ? [{ title: '个人签名' }] : []),
          ]}
          data-testid="seal-progress"
        />
      )}
      <div className="hall-seal-body">
        {pdfError ? (
          <Alert type="error" showIcon message={pdfError} />
        ) : !pdf ? (
          <div className="hall-loading">
            <Spin tip="正在加载文件…">
              <div style={{ width: 200, height: 60 }} />
            </Spin>
          </div>
        ) : (
          <DocumentView
            ref={view}
            pdf={pdf}
            zoom={zoom}
            drafts={drafts}
            selected={selected}
            currentPage={currentPage}
            onCurrentPage={setCurrentPage}
            onSelect={(id) => setSelected(id || undefined)}
            onMove={move}
            onRemove={remove}
          />
        )}
        <div className="hall-seal-side">
          <Typography.Title level={5}>已添加（{drafts.length}）</Typography.Title>
          {drafts.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="点击右上角电子签章选择印章" />
          ) : (
            <List
              size="small"
              dataSource={drafts}
              renderItem={(d) => (
                <List.Item
                  className={selected === d.id ? 'is-selected' : undefined}
                  onClick={() => {
                    setSelected(d.id);
                    view.current?.scrollToPage(d.kind === 'text' ? d.page : d.pages[0]!);
                  }}
                  actions={[
                    <Tooltip title="删除" key="remove">
                      <Button size="small" type="text" icon={<DeleteOutlined />} aria-label="删除" onClick={() => remove(d.id)} />
                    </Tooltip>,
                  ]}
                  data-testid="seal-draft"
                >
                  {describeDraft(d)}
                </List.Item>
              )}
            />
          )}
          <Button size="small" onClick={() => setLibraryOpen(true)} className="hall-seal-library-button">
            印章库
          </Button>
          {flow.key && <Typography.Paragraph type="secondary" className="hall-seal-keyinfo">已验证 CA 锁：{flow.pin.unitName ?? flow.key.certificate.subject.match(/CN=([^,\n]+)/)?.[1]}</Typography.Paragraph>}
        </div>
      </div>
      <PinDialog {...flow.pin} />
      {ownFileId && <PhoneSignatureModal open={phoneOpen} onCancel={() => setPhoneOpen(false)} onPlace={(s) => void addSignature(s)} />}
      <SealPicker {...flow.picker} />
      <AgentMissingDialog open={flow.agentMissing} onClose={flow.closeAgentMissing} />
      <SealLibraryDrawer open={libraryOpen} certificateSerial={flow.key?.certificate.serialNumber} onClose={() => setLibraryOpen(false)} onChanged={() => void flow.reloadLibrary()} />
    </Card>
  );
}

