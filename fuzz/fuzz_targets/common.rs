//! The small register every target links against: names with spaces, initials, a
//! "Surname, Given" sort name, an ambiguous alias and a not-mention phrase.
#![allow(dead_code)]

use recto::model::Person;

pub fn register() -> Vec<Person> {
    let mut kim = Person::named("kim-il-sung", "Kim Il Sung");
    kim.aliases = vec!["Kim II Sung".into()];
    kim.not_mentions = vec!["Kim Il Sung Square".into()];
    let mut puzanov = Person::named("puzanov", "Aleksandr Puzanov");
    puzanov.sort_name = "Puzanov, Aleksandr Mikhailovich".into();
    let mut pak = Person::named("pak-heon-yeong", "Pak Heon-yeong");
    pak.ambiguous_aliases = vec!["Pak".into()];
    vec![
        kim,
        Person::named("kim-il", "Kim Il"),
        puzanov,
        pak,
        Person::named("mao-zedong", "Mao Zedong"),
        Person::named("obrien", "Conor O\u{2019}Brien"),
    ]
}
