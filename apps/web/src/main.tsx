import '@ant-design/v5-patch-for-react-19';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App';
import { queryClient } from './api/queryClient';
import { MeProvider } from './auth/MeProvider';
import { FeedbackBridge } from './components/FeedbackBridge';
import './components/time';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('缺少 #root 容器');

createRoot(container).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1d5fc4', borderRadius: 6 } }}>
      <AntApp message={{ maxCount: 3 }}>
        <FeedbackBridge />
        <QueryClientProvider client={queryClient}>
          <MeProvider>
            <App />
          </MeProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
