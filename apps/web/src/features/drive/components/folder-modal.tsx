import { useEffect, useMemo, useState } from 'react';
import { Form, Input, Modal, TreeSelect } from 'antd';
import { isApiError } from '../../../lib/api.ts';
import { showError } from '../../../lib/notify.ts';
import { createFolder, updateFolder, type FolderInput } from '../api/folders.ts';
import type { DriveFolder } from '../api/types.ts';
import { buildFolderTree } from './folder-tree-data.ts';

interface FolderModalProps {
  open: boolean;
  folders: DriveFolder[];
  /** the folder to edit; absent when creating */
  editing?: DriveFolder;
  /** preselected 上级目录 when creating */
  defaultParentId?: string | null;
  onClose: () => void;
  onSaved: (folder: DriveFolder) => void;
}

interface Values {
  parentId?: string;
  name: string;
  code: string;
}

/** 新建文件夹 / 编辑文件夹: 上级目录, * 目录名称, * 文件编码 — as in the manual. */
export function FolderModal({ open, folders, editing, defaultParentId, onClose, onSaved }: FolderModalProps) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const tree = useMemo(() => buildFolderTree(folders, editing?.id), [folders, editing?.id]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      editing
        ? { parentId: editing.parentId ?? undefined, name: editing.name, code: editing.code }
        : { parentId: defaultParentId ?? undefined, name: '', code: '' },
    );
  }, [open, editing, defaultParentId, form]);

  const save = async () => {
    const values = await form.validateFields();
    const input: FolderInput = { parentId: values.parentId ?? null, name: values.name.trim(), code: values.code.trim() };
    setSaving(true);
    try {
      const saved = editing ? await updateFolder(editing.id, input) : await createFolder(input);
      onSaved(saved);
    } catch (err) {
      if (isApiError(err) && err.code === 'FOLDER_CODE_TAKEN') {
        form.setFields([{ name: 'code', errors: [err.message] }]);
      } else showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? '编辑文件夹' : '新建文件夹'}
      okText="确定"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Form form={form} labelCol={{ span: 5 }} wrapperCol={{ span: 18 }} className="hall-folder-form">
        <Form.Item name="parentId" label="上级目录">
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            placeholder="请选择上级目录"
            treeData={tree}
            fieldNames={{ label: 'title', value: 'value', children: 'children' }}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="目录名称"
          rules={[
            { required: true, whitespace: true, message: '请输入目录名称' },
            { max: 100, message: '目录名称不能超过100个字符' },
            { pattern: /^[^\\/:*?"<>|]+$/, message: '目录名称不能包含 \\ / : * ? " < > |' },
          ]}
        >
          <Input placeholder="请输入目录名称" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="code"
          label="文件编码"
          rules={[
            { required: true, whitespace: true, message: '请输入文件编码' },
            { max: 50, message: '文件编码不能超过50个字符' },
          ]}
        >
          <Input placeholder="请输入文件编码" maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
