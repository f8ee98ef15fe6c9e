import { defineMessages } from '../i18n/message-bundle.js';

/** Section and menu labels of the gateway pages. */
export const gatewayMessages = defineMessages(
  {
    sectionTitle: 'Gateway',
    adminSectionTitle: 'Gateway administration',
    navKeys: 'API keys',
    navMyRequests: 'My requests',
    navChannels: 'Channels',
    navLogs: 'Request logs',
    keysDescription: 'Keys for the OpenAI, Anthropic and Gemini endpoints, with their limits.',
    myRequestsDescription: 'Every request made with your keys: tokens, timing and cost.',
    channelsDescription: 'Upstream providers, their keys, models and routing weights.',
    logsDescription: 'Every gateway request of every user, with the attempt chain.',
  },
  {
    sectionTitle: '模型网关',
    adminSectionTitle: '网关管理',
    navKeys: 'API 密钥',
    navMyRequests: '我的请求',
    navChannels: '渠道',
    navLogs: '请求日志',
    keysDescription: '调用 OpenAI、Anthropic 和 Gemini 接口的密钥及其限额。',
    myRequestsDescription: '用你的密钥发出的每个请求：令牌、耗时和费用。',
    channelsDescription: '上游服务商及其密钥、模型和路由权重。',
    logsDescription: '所有用户的每个网关请求，包含重试链。',
  },
);
