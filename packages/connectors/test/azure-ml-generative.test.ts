import { describe, expect, it } from 'vitest';
import { servesGenerativeModel } from '../src/azure/machine-learning/generative.ts';

const WS =
  '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw-chat';

describe('whether an Azure ML online endpoint serves a generative model', () => {
  it('is true for a catalog LLM or an LLM inference environment', () => {
    expect(
      servesGenerativeModel([
        { model: 'azureml://registries/azureml-meta/models/Llama-2-7b-chat/versions/24' },
      ]),
    ).toBe(true);
    expect(
      servesGenerativeModel([
        {
          model: `${WS}/models/support-bot/versions/1`,
          environmentId: 'azureml://registries/azureml/environments/foundation-model-inference/versions/62',
        },
      ]),
    ).toBe(true);
  });

  it('is false when every deployment runs on a classic ML framework', () => {
    expect(
      servesGenerativeModel([
        {
          model: `${WS}/models/churn-classifier/versions/3`,
          environmentId: `${WS}/environments/sklearn-serving/versions/1`,
        },
        { model: 'azureml:fraud:2', environmentId: 'AzureML-lightgbm-3.3-ubuntu20.04-py38-cpu@latest' },
      ]),
    ).toBe(false);
  });

  it('is unknown for a workspace model on a custom environment (the workspace name is not the model)', () => {
    expect(
      servesGenerativeModel([
        {
          model: `${WS}/models/support-model/versions/1`,
          environmentId: `${WS}/environments/custom/versions/2`,
        },
      ]),
    ).toEqual({ $unknown: expect.stringContaining('custom environments') });
    expect(servesGenerativeModel(undefined)).toEqual({
      $unknown: expect.stringContaining('could not be listed'),
    });
    expect(servesGenerativeModel([])).toEqual({ $unknown: expect.stringContaining('no deployment') });
  });
});
