import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { dateStamp, saveFile } from '../../../components/download';
import { showApiError } from '../../../components/feedback';
import type { DownloadedFile } from '../../../api/client';

/** 导出 Excel: the list as the server writes it (watermarked, only what the user may see, audited). */
export function ExportButton({ run, name }: { run: () => Promise<DownloadedFile>; name: string }) {
  const { message } = App.useApp();
  const download = useMutation({
    mutationFn: run,
    onSuccess: (file) => message.success(`已导出 ${saveFile(file, `${name}_${dateStamp()}.xlsx`)}`),
    onError: (err) => showApiError(err),
  });
  return (
    <Button icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
      导出 Excel
    </Button>
  );
}
