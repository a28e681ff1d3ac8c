"""Entities and statistical facts from bulletin text (Chinese first, English beside).

Modules: ``numbers`` (Arabic / full-width / Chinese numerals, 万/亿), ``quantities`` (units,
percent vs 百分点 vs 倍, growth verbs), ``periods`` (前8个月, 一季度 … against the document date),
``facts`` (one fact per figure, 分别 lists), ``gazetteer`` (places, ports, customs, FTZs,
commodities with ids), ``pipeline`` (language, OpenCC offsets, spaCy zh/en, entities), ``ner``
(trainable Chinese NER), ``evaluate`` (fact P/R/F1), ``store`` (documents → entities + facts).

The API entry points are :func:`nlp.facts.extract_facts` and :func:`nlp.pipeline.extract_entities`.
"""
