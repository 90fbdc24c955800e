import { App } from 'antd';
import { useEffect } from 'react';
import { setFeedback } from './feedback';

/** Makes the context-aware antd message/notification available to non-component code. */
export function FeedbackBridge() {
  const { message, notification } = App.useApp();
  useEffect(() => {
    setFeedback({ message, notification });
  }, [message, notification]);
  return null;
}
