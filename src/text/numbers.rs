//! Reading numbers written in Chinese (十几, 12亿, 两千三) or English (twelve billion) as values.
