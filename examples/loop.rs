fn main() {
    let s = std::hint::black_box("京ICP备11018762号-1");
    let mut n = 0;
    for _ in 0..100_000 {
        if beian::validate_number(std::hint::black_box(s)).is_ok() { n += 1; }
    }
    println!("{n}");
}
