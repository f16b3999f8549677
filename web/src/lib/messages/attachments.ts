import type { AreaMessages } from '../i18n';

/** Texts of a task's attachments (佐证材料). */
const messages: AreaMessages = {
  zh: {
    'attachments.title': '佐证材料',
    'attachments.none': '暂无佐证材料',
    'attachments.add': '上传佐证材料',
    'attachments.uploading': '上传进度',
    'attachments.help': '可上传 PDF、图片、Office 文档和纯文本，单个文件不超过 20 MB；按文件内容识别类型。',
    'attachments.failed': '上传失败，请检查网络后重试',
    'attachments.give': '随本次操作提交的佐证材料（已上传、尚未提交的）',
    'attachments.preview': '预览',
    'attachments.hidePreview': '收起预览',
    'attachments.pending': '待随操作提交',
    'attachments.stepFiles': '佐证材料',
  },
  en: {
    'attachments.title': 'Evidence',
    'attachments.none': 'No evidence attached yet',
    'attachments.add': 'Attach a file',
    'attachments.uploading': 'Upload progress',
    'attachments.help':
      'PDF, images, Office documents and plain text, up to 20 MB a file; the type is read from the content.',
    'attachments.failed': 'The upload failed; check the network and try again',
    'attachments.give': 'Files to give with this action (uploaded, not yet given)',
    'attachments.preview': 'Preview',
    'attachments.hidePreview': 'Hide the preview',
    'attachments.pending': 'not yet given with an action',
    'attachments.stepFiles': 'Evidence',
  },
};

export default messages;
